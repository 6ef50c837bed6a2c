/**
 * Sends one subscribe message. Implementations: the local sink (inspectable), the
 * self-hosted HTTP sender (api.weixin.qq.com) and the WeChat cloud sender (openapi).
 */
export interface SubscribeMessage {
  openid: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogramState?: 'developer' | 'trial' | 'formal';
}

export type SendResult = { ok: true } | { ok: false; errCode: number; errMsg: string };

export interface Notifier {
  send(message: SubscribeMessage): Promise<SendResult>;
}

/** WeChat error codes that mean "this user cannot receive this template now": spend no retry on them. */
export const PERMANENT_ERRORS: Record<number, string> = {
  43101: '用户拒绝接受消息或订阅次数已用完',
  40003: 'openid 无效',
  40037: '模板 id 无效',
  47003: '模板参数不准确',
};

/** Local and demo mode: keeps what would have been sent, for tests and the demo to inspect. */
export class LocalSink implements Notifier {
  readonly sent: SubscribeMessage[] = [];
  /** Tests may make the next sends fail with a WeChat error code. */
  failNext: number[] = [];
  async send(message: SubscribeMessage): Promise<SendResult> {
    const errCode = this.failNext.shift();
    if (errCode) return { ok: false, errCode, errMsg: PERMANENT_ERRORS[errCode] ?? 'simulated failure' };
    this.sent.push(message);
    return { ok: true };
  }
}
