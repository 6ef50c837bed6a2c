import { AppError } from '@shared';
import type { Notifier, SendResult, SubscribeMessage } from '../cloudfunctions/_core/notifier';

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

/** Sends subscribe messages with a cached access token (stable_token, refreshed before it expires). */
export class WechatHttpSender implements Notifier {
  private token?: { value: string; until: number };
  constructor(private readonly o: WechatApiOptions) {}

  private async accessToken(): Promise<string> {
    if (this.token && this.token.until > Date.now()) return this.token.value;
    const res = await fetch(`${this.o.apiBase}/cgi-bin/stable_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: this.o.appId, secret: this.o.secret }),
      signal: AbortSignal.timeout(5000),
    });
    const body = (await res.json()) as { access_token?: string; expires_in?: number; errcode?: number; errmsg?: string };
    if (!body.access_token) throw new Error(`stable_token ${body.errcode} ${body.errmsg}`);
    this.token = { value: body.access_token, until: Date.now() + ((body.expires_in ?? 7200) - 300) * 1000 };
    return body.access_token;
  }

  async send(m: SubscribeMessage): Promise<SendResult> {
    const token = await this.accessToken();
    const res = await fetch(`${this.o.apiBase}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ touser: m.openid, template_id: m.templateId, page: m.page, data: m.data, miniprogram_state: m.miniprogramState, lang: 'zh_CN' }),
      signal: AbortSignal.timeout(5000),
    });
    const body = (await res.json()) as { errcode?: number; errmsg?: string };
    if (!body.errcode) return { ok: true };
    if (body.errcode === 40001 || body.errcode === 42001) this.token = undefined;
    return { ok: false, errCode: body.errcode, errMsg: body.errmsg ?? '' };
  }
}
