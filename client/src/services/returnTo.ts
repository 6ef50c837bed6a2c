import Taro from '@tarojs/taro';
import { AllPages, Pages, link, to, type PagePath } from '@shared/routes';

const KEY = 'xy.returnTo';
/** A link followed long ago is not where someone logging in today wants to land. */
const FRESH_MS = 30 * 60 * 1000;
/** Router bookkeeping in a page's options, not the page's own parameters. */
const ROUTER_PARAMS = new Set(['stamp', '$taroTimestamp']);
const NOT_A_DESTINATION = new Set<string>([Pages.login, Pages.entry]);

type PageLike = { route?: string; options?: Record<string, unknown>; path?: string };

/** The page on top of the stack with its own parameters (`/pages/wish/index?id=…`), or undefined. */
export function currentPageUrl(): string | undefined {
  const pages = (Taro.getCurrentPages?.() ?? []) as PageLike[];
  const page = pages[pages.length - 1];
  // A page's query: `options` in WeChat; in h5 only the router instance carries it.
  const router = Taro.getCurrentInstance?.()?.router as { path?: string; params?: Record<string, unknown> } | null | undefined;
  const route = (page?.route ?? page?.path ?? router?.path ?? '').replace(/^\//, '').replace(/\?.*$/, '');
  if (!(AllPages as readonly string[]).includes(route) || NOT_A_DESTINATION.has(route)) return undefined;
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...(router?.params ?? {}), ...(page?.options ?? {}) })) {
    if (!ROUTER_PARAMS.has(k) && typeof v === 'string') params[k] = decodeURIComponent(v);
  }
  return to(link(route as PagePath, params));
}

/** Sent to log in from a page (a shared wish link opened while signed out): come back here after. */
export function rememberReturn(): void {
  const url = currentPageUrl();
  if (url) Taro.setStorageSync(KEY, { url, at: Date.now() });
}

/** Where login should lead instead of the role's home, once; undefined when nothing fresh was kept. */
export function takeReturn(): string | undefined {
  const kept = Taro.getStorageSync(KEY) as { url?: unknown; at?: unknown } | '' | undefined;
  Taro.removeStorageSync(KEY);
  if (!kept || typeof kept !== 'object' || typeof kept.url !== 'string' || typeof kept.at !== 'number') return undefined;
  return Date.now() - kept.at <= FRESH_MS ? kept.url : undefined;
}

/** To the login page, coming back to this page afterwards. */
export function loginThenReturn(): void {
  rememberReturn();
  void Taro.reLaunch({ url: to(Pages.login) });
}
