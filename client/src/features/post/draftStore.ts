import Taro from '@tarojs/taro';
import { emptyDraft, type WishDraft } from './model';

/** Nothing typed is lost: the form writes through to storage and reads back on open. */
const keyOf = (scope: string) => `xy.draft.${scope}`;

export function loadDraft(scope: string): WishDraft | undefined {
  const raw = Taro.getStorageSync(keyOf(scope)) as WishDraft | '' | undefined;
  if (!raw || typeof raw !== 'object') return undefined;
  return { ...emptyDraft(), ...raw };
}

export function saveDraft(scope: string, draft: WishDraft): void {
  try {
    Taro.setStorageSync(keyOf(scope), draft);
  } catch {
    // storage full: the form still holds the text in memory
  }
}

export function clearDraft(scope: string): void {
  Taro.removeStorageSync(keyOf(scope));
}
