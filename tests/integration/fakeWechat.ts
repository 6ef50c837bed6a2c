import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A stand-in for api.weixin.qq.com on loopback: code2Session, stable_token, subscribeMessage.send, msgSecCheck v2. */
export interface FakeWechat {
  url: string;
  sent: { touser: string; template_id: string; data: Record<string, { value: string }>; page?: string }[];
  /** errcodes to answer the next sends with. */
  failNext: number[];
  /** The access token stable_token hands out and the APIs accept; change it to revoke the old one. */
  accessToken: string;
  /** How many times stable_token was asked. */
  tokenRequests: number;
  /** msgSecCheck v2 requests as received. */
  checked: { content: string; version: number; scene: number; openid: string }[];
  /** Texts containing one of these come back `risky`. */
  riskyWords: string[];
  /** msgSecCheck drops the connection (WeChat unreachable). */
  secCheckDown: boolean;
  /** msgSecCheck requests received, answered or not. */
  secCheckAttempts: number;
  stop(): Promise<void>;
}

export async function startFakeWechat(appId: string, secret: string): Promise<FakeWechat> {
  const fake: Omit<FakeWechat, 'url' | 'stop'> = { sent: [], failNext: [], accessToken: 'ACCESS_TOKEN', tokenRequests: 0, checked: [], riskyWords: ['网络赌场'], secCheckDown: false, secCheckAttempts: 0 };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const reply = (body: unknown) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(body));
    };
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      if (url.pathname === '/sns/jscode2session') {
        const code = url.searchParams.get('js_code') ?? '';
        if (url.searchParams.get('appid') !== appId || url.searchParams.get('secret') !== secret) return reply({ errcode: 40125, errmsg: 'invalid appsecret' });
        if (!code.startsWith('good-')) return reply({ errcode: 40029, errmsg: 'invalid code' });
        return reply({ openid: `o${code.slice(5)}`, session_key: 'SECRET_SESSION_KEY_123==' });
      }
      if (url.pathname === '/cgi-bin/stable_token') {
        fake.tokenRequests++;
        return reply({ access_token: fake.accessToken, expires_in: 7200 });
      }
      if (url.pathname === '/cgi-bin/message/subscribe/send') {
        if (url.searchParams.get('access_token') !== fake.accessToken) return reply({ errcode: 40001, errmsg: 'invalid credential' });
        const errcode = fake.failNext.shift();
        if (errcode) return reply({ errcode, errmsg: 'user refuse to accept the msg' });
        fake.sent.push(JSON.parse(raw));
        return reply({ errcode: 0, errmsg: 'ok' });
      }
      if (url.pathname === '/wxa/msg_sec_check') {
        fake.secCheckAttempts++;
        if (fake.secCheckDown) return void res.destroy();
        if (url.searchParams.get('access_token') !== fake.accessToken) return reply({ errcode: 40001, errmsg: 'invalid credential' });
        const check = JSON.parse(raw) as FakeWechat['checked'][number];
        fake.checked.push(check);
        if (check.version !== 2 || !check.openid || ![1, 2, 3, 4].includes(check.scene)) return reply({ errcode: 47001, errmsg: 'data format error' });
        const suggest = fake.riskyWords.some((w) => check.content.includes(w)) ? 'risky' : 'pass';
        return reply({ errcode: 0, errmsg: 'ok', trace_id: 't1', result: { suggest, label: suggest === 'risky' ? 20006 : 100 }, detail: [] });
      }
      res.statusCode = 404;
      reply({ errcode: -1, errmsg: 'not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
