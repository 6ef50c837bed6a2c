import type { PagePath } from '@shared/routes';

/**
 * The reads a screen makes the moment it opens, started by index.html's inline script (h5; preload.ts) before the app's
 * scripts have even arrived: on a slow phone network the entry, the page's chunks and the app's start-up come
 * first, and only then would the page ask the server for what it shows (its largest content waits for that
 * answer). Started early, the answer is there, or nearly, when the page asks: services/api.ts hands the page the
 * reply of the request already made instead of making it again (client/src/services/api.ts).
 *
 * Each entry is exactly the call the page makes (function, action, data in the page's key order; a value
 * `{ param }` is the page's query parameter of that name): tests/client/early-calls.test.tsx opens each page and
 * compares. A call that no longer matches is never used, only wasted, so the test is what keeps them equal.
 *
 * It lives with the build config because the build reads it (preload.ts writes the inline script from this table)
 * and Taro loads its config files only from here; the app compiles it too (compile.include in index.ts) for
 * services/api.ts, which takes the replies. So it stays free of Taro and imports only types.
 */
export type EarlyValue = string | number | { param: string };
export interface EarlyCall {
  fn: string;
  action: string;
  data: Record<string, EarlyValue>;
}

export const EarlyCalls: Partial<Record<PagePath, readonly EarlyCall[]>> = {
  'pages/home/index': [{ fn: 'wishes', action: 'mine', data: { limit: 50 } }],
  'pages/wish/index': [{ fn: 'wishes', action: 'detail', data: { wishId: { param: 'id' } } }],
  'packages/helper/pages/task/index': [{ fn: 'wishes', action: 'detail', data: { wishId: { param: 'id' } } }],
  'packages/staff/pages/review/index': [
    { fn: 'dispatch', action: 'queue', data: {} },
    { fn: 'org', action: 'grids', data: {} },
  ],
  // For everyone the screen is open to; a town admin's first read is the whole town's, the same call.
  'packages/staff/pages/dashboard/index': [{ fn: 'stats', action: 'dashboard', data: {} }],
};

/**
 * Where the app keeps the access token (client/src/services/token.ts TOKEN_KEY; tests/client/early-calls.test.tsx holds the two equal, as the
 * mini-program's main package, at its size budget, does not take this module), where the inline script reads it:
 * Taro's h5 storage writes `{"data": value}`.
 */
export const TokenStorageKey = 'xy.token';

/** The global the inline script fills: one entry per call started, keyed by earlyCallKey. */
export const EarlyRepliesGlobal = '__xyEarlyReplies';

/** What the inline script records for a call it started. `reply` is null when nothing answered (offline). */
export interface EarlyReply {
  token: string;
  /** Date.now() when it was started. */
  at: number;
  reply: Promise<{ statusCode: number; data: unknown } | null>;
}

/**
 * How long after the page opened a call may still take the early reply. The early calls are for the screen the
 * person opened, and its first render asks within a second or two even on a slow phone; a reply older than this
 * would be one the person did not just ask for (they went elsewhere and came back).
 */
export const EarlyReplyFreshMs = 10_000;

/** The same string for the same call, whoever builds it: the function and the body as sent. */
export function earlyCallKey(fn: string, body: string): string {
  return `${fn} ${body}`;
}

/**
 * The reply of the early call that is this call, once (it is removed as it is taken), if it was made with the
 * token the app would send now and is fresh; otherwise undefined and the caller sends as usual.
 */
export function takeEarlyReply(fn: string, body: string, token: string | null, now = Date.now()): EarlyReply['reply'] | undefined {
  const replies = (globalThis as Record<string, unknown>)[EarlyRepliesGlobal] as Record<string, EarlyReply> | undefined;
  const key = earlyCallKey(fn, body);
  const early = replies?.[key];
  if (!replies || !early) return undefined;
  delete replies[key];
  if (early.token !== token || now - early.at > EarlyReplyFreshMs) return undefined;
  return early.reply;
}

/**
 * The inline script for index.html: for the page the address names (`#/pages/wish/index?id=…`), if a token is
 * stored and the browser has fetch, starts that page's early calls and records them under EarlyRepliesGlobal.
 * ES5, as it runs before anything else and is not compiled. `fnBase` is where functions are called
 * (`<apiBase>/api/fn/`, client/src/services/api.ts).
 */
export function earlyCallsScript(calls: Partial<Record<string, readonly EarlyCall[]>>, fnBase: string): string {
  return (
    `(function(c,u){try{var h=location.hash.replace(/^#\\/?/,'').split('?'),q={},t;` +
    `(h[1]||'').split('&').forEach(function(kv){var i=kv.indexOf('=');if(i>0)q[decodeURIComponent(kv.slice(0,i))]=decodeURIComponent(kv.slice(i+1))});` +
    `t=JSON.parse(localStorage.getItem(${JSON.stringify(TokenStorageKey)})||'null');t=t&&t.data;` +
    `if(!t||!c[h[0]]||!window.fetch)return;var r=window[${JSON.stringify(EarlyRepliesGlobal)}]={};` +
    `c[h[0]].forEach(function(x){var d={},ok=true;Object.keys(x.data).forEach(function(k){var v=x.data[k];` +
    `if(v&&typeof v==='object'){v=q[v.param];if(v===undefined)ok=false}d[k]=v});if(!ok)return;` +
    `var b=JSON.stringify({action:x.action,data:d});` +
    `r[x.fn+' '+b]={token:t,at:Date.now(),reply:window.fetch(u+x.fn,{method:'POST',headers:{'content-type':'application/json',Authorization:'Bearer '+t},body:b})` +
    `.then(function(s){return s.text().then(function(d){return{statusCode:s.status,data:d}})})['catch'](function(){return null})}})}catch(e){}})` +
    `(${JSON.stringify(calls)},${JSON.stringify(fnBase)})`
  );
}
