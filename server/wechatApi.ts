import { AppError } from '@shared';
import { CallbackChecker, judgedRisky, msgSecCheckScene, WordListChecker, type ContentChecker } from '../cloudfunctions/_core/runtime/contentCheck';
import type { Notifier, SendResult, SubscribeMessage } from '../cloudfunctions/_core/runtime/notifier';

/**
 * The WeChat server APIs a self-hosted deployment calls over HTTPS; the base URL is
 * configurable so tests run a fake WeChat on loopback.
 */
export interface WechatApiOptions { appId: string; secret: string; apiBase: string }

export interface Session { openid: string; unionid?: string; sessionKey: string }

export async function code2Session(o: WechatApiOptions, code: string): Promise<Session> {
  const url = new URL(`${o.apiBase}/sns/jscode2session`);
  url.search = new URLSearchParams({ appid: o.appId, secret: o.secret, js_code: code, grant_type: 'authorization_code' }).toString();
  let body: { openid?: string; unionid?: string; session_key?: string; errcode?: number; errmsg?: string };
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    body = (await res.json()) as typeof body;
  } catch {
    throw new AppError('INTERNAL', '微信登录服务暂时不可用，请稍后再试');
  }
  if (body.errcode || !body.openid || !body.session_key) {
    // 40029 invalid code, 40163 code used, 45011 too frequent: all mean "log in again".
    throw new AppError('UNAUTHENTICATED', '微信登录失败，请重试', { wechatErrcode: body.errcode ?? -1 });
  }
  return { openid: body.openid, sessionKey: body.session_key, ...(body.unionid ? { unionid: body.unionid } : {}) };
}

type WechatReply = { errcode?: number; errmsg?: string };

/** Access-token errors: the cached token was revoked or expired early. */
const STALE_TOKEN = new Set([40001, 42001]);

/**
 * The server APIs that need an access token, sharing one cached token (stable_token,
 * refreshed before it expires): a second cache would refresh behind the first one's back.
 */
export class WechatServerApi {
  private token?: { value: string; until: number };
  private fetching?: Promise<string>;
  constructor(private readonly o: WechatApiOptions) {}

  private accessToken(): Promise<string> {
    if (this.token && this.token.until > Date.now()) return Promise.resolve(this.token.value);
    // Concurrent callers wait for one refresh instead of each asking WeChat.
    this.fetching ??= this.fetchToken().finally(() => {
      this.fetching = undefined;
    });
    return this.fetching;
  }

  private async fetchToken(): Promise<string> {
    const res = await fetch(`${this.o.apiBase}/cgi-bin/stable_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: this.o.appId, secret: this.o.secret }),
      signal: AbortSignal.timeout(5000),
    });
    const body = (await res.json()) as { access_token?: string; expires_in?: number } & WechatReply;
    if (!body.access_token) throw new Error(`stable_token ${body.errcode} ${body.errmsg}`);
    this.token = { value: body.access_token, until: Date.now() + ((body.expires_in ?? 7200) - 300) * 1000 };
    return body.access_token;
  }

  /** POSTs JSON with the access token; a token WeChat calls stale is dropped and the call made once more. Network failures throw. */
  async post<T extends WechatReply>(path: string, payload: unknown, timeoutMs = 5000): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken();
      const res = await fetch(`${this.o.apiBase}${path}?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = (await res.json()) as T;
      if (!body.errcode || !STALE_TOKEN.has(body.errcode) || attempt > 0) return body;
      if (this.token?.value === token) this.token = undefined;
    }
  }
}

/** Sends subscribe messages through the shared token. */
export class WechatHttpSender implements Notifier {
  constructor(private readonly api: WechatServerApi) {}

  async send(m: SubscribeMessage): Promise<SendResult> {
    const body = await this.api.post('/cgi-bin/message/subscribe/send', {
      touser: m.openid, template_id: m.templateId, page: m.page, data: m.data, miniprogram_state: m.miniprogramState, lang: 'zh_CN',
    });
    if (!body.errcode) return { ok: true };
    return { ok: false, errCode: body.errcode, errMsg: body.errmsg ?? '' };
  }
}

/** Consecutive failed asks before WeChat is left alone, and for how long. */
const BREAKER_FAILURES = 3;
const BREAKER_PAUSE_MS = 60_000;

/**
 * Free text checked by WeChat msgSecCheck v2 on top of the local word list.
 *
 * When WeChat cannot answer (network, timeout, system busy, a token it refuses) the text
 * passes with the word list's verdict alone: fail open, as the cloud adapter does. A wish
 * is read by the community's staff before anyone else sees it (approve/reject), notes and
 * ratings reach only the people on that wish, and refusing an elder's request for a ride to
 * the clinic because WeChat is slow costs more than a rare bad word the secretary can
 * reject. Each miss is logged so an outage is visible. 'review' passes for the same
 * reason: our review is the secretary's. After three misses in a row WeChat is not asked
 * for a minute, so an outage costs nobody the wait for a timeout.
 *
 * v2 needs the writer's openid (someone who opened the mini-program lately); people
 * without one (demo accounts) get the word list only.
 */
export function wechatContentChecker(api: WechatServerApi, o: { now?: () => number } = {}): ContentChecker {
  const now = o.now ?? Date.now;
  // Each failed ask can cost its full timeout, and that wait would fall on every resident posting.
  let failures = 0;
  let pausedUntil = 0;
  const failed = (why: string) => {
    failures++;
    if (failures >= BREAKER_FAILURES) {
      pausedUntil = now() + BREAKER_PAUSE_MS;
      failures = 0;
      console.warn(`[msgSecCheck] ${why}: word list only for the next ${BREAKER_PAUSE_MS / 1000} s`);
    } else console.warn(`[msgSecCheck] ${why}: word list only`);
  };
  const isSafe = async (content: string, openid: string | undefined, field: string): Promise<boolean> => {
    if (!openid || now() < pausedUntil) return true;
    try {
      const body = await api.post<WechatReply & { result?: { suggest?: string } }>(
        '/wxa/msg_sec_check',
        { content, version: 2, scene: msgSecCheckScene(field), openid },
        3000,
      );
      if (judgedRisky(body.errcode, body.result?.suggest)) {
        failures = 0;
        return false;
      }
      if (body.errcode) failed(`errcode ${body.errcode} ${body.errmsg ?? ''}`);
      else failures = 0;
      return true;
    } catch (err) {
      failed(`WeChat unreachable (${(err as Error).message})`);
      return true;
    }
  };
  return new CallbackChecker(isSafe, new WordListChecker());
}
