import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A stand-in for api.weixin.qq.com on loopback: code2Session, stable_token, subscribeMessage.send. */
export interface FakeWechat {
  url: string;
  sent: { touser: string; template_id: string; data: Record<string, { value: string }>; page?: string }[];
  /** errcodes to answer the next sends with. */
  failNext: number[];
  stop(): Promise<void>;
}

export async function startFakeWechat(appId: string, secret: string): Promise<FakeWechat> {
  const fake: Omit<FakeWechat, 'url' | 'stop'> = { sent: [], failNext: [] };
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
      if (url.pathname === '/cgi-bin/stable_token') return reply({ access_token: 'ACCESS_TOKEN', expires_in: 7200 });
      if (url.pathname === '/cgi-bin/message/subscribe/send') {
        if (url.searchParams.get('access_token') !== 'ACCESS_TOKEN') return reply({ errcode: 40001, errmsg: 'invalid credential' });
        const errcode = fake.failNext.shift();
        if (errcode) return reply({ errcode, errmsg: 'user refuse to accept the msg' });
        fake.sent.push(JSON.parse(raw));
        return reply({ errcode: 0, errmsg: 'ok' });
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
