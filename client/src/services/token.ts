import Taro from '@tarojs/taro';

/**
 * The tokens live apart from session.ts so the transport doesn't import the session (no cycle): the access
 * token sent with every call (minutes long) and the refresh token that renews it (server/auth.ts).
 */
/** Also read by index.html's inline script (client/config/earlyCalls.ts TokenStorageKey; tests/client/early-calls.test.tsx holds the two equal). */
export const TOKEN_KEY = 'xy.token';
const REFRESH_KEY = 'xy.refresh';
let cached: string | null | undefined;
let unauthenticatedHandler: (() => void) | undefined;

export interface TokenPair {
  token: string;
  refreshToken?: string;
}

export function getToken(): string | null {
  if (cached === undefined) cached = (Taro.getStorageSync(TOKEN_KEY) as string) || null;
  return cached;
}

/** The access token as storage has it now: another tab of the h5 app may have renewed it meanwhile. */
export function storedToken(): string | null {
  cached = undefined;
  return getToken();
}

export function getRefreshToken(): string | null {
  return (Taro.getStorageSync(REFRESH_KEY) as string) || null;
}

export function setTokens(pair: TokenPair | null): void {
  cached = pair?.token ?? null;
  if (pair) Taro.setStorageSync(TOKEN_KEY, pair.token);
  else Taro.removeStorageSync(TOKEN_KEY);
  if (pair?.refreshToken) Taro.setStorageSync(REFRESH_KEY, pair.refreshToken);
  else Taro.removeStorageSync(REFRESH_KEY);
}

export function onUnauthenticated(): void {
  unauthenticatedHandler?.();
}

/** session.ts registers what a 401 that no renewal can mend means (clear the session, go to login). */
export function setUnauthenticatedHandler(handler: () => void): void {
  unauthenticatedHandler = handler;
}

let deactivatedHandler: (() => void) | undefined;

export function onDeactivated(): void {
  deactivatedHandler?.();
}

/**
 * session.ts registers what a MEMBER_DEACTIVATED refusal means: the person was paused (停用) by their community since
 * the session was read, so it is read again and every page's banner says so (components/PausedBanner).
 */
export function setDeactivatedHandler(handler: () => void): void {
  deactivatedHandler = handler;
}
