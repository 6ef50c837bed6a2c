import Taro from '@tarojs/taro';

/** The bearer token lives apart from session.ts so the transport doesn't import the session (no cycle). */
const TOKEN_KEY = 'xy.token';
let cached: string | null | undefined;
let unauthenticatedHandler: (() => void) | undefined;

export function getToken(): string | null {
  if (cached === undefined) cached = (Taro.getStorageSync(TOKEN_KEY) as string) || null;
  return cached;
}

export function setToken(token: string | null): void {
  cached = token;
  if (token) Taro.setStorageSync(TOKEN_KEY, token);
  else Taro.removeStorageSync(TOKEN_KEY);
}

export function onUnauthenticated(): void {
  unauthenticatedHandler?.();
}

/** session.ts registers what a 401 means (clear the session, go to login). */
export function setUnauthenticatedHandler(handler: () => void): void {
  unauthenticatedHandler = handler;
}
