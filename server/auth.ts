import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError, parseInput } from '@shared';
import { userOfOpenid } from '../cloudfunctions/_core/access/users';
import type { Runtime } from '../cloudfunctions/_core/runtime/types';
import type { ServerConfig } from './config';
import type { Tokens } from './tokens';
import { userView } from '../cloudfunctions/_core/access/userView';
import { code2Session } from './wechatApi';

const LoginInput = z.strictObject({ code: z.string().trim().min(1).max(128) });
const DevLoginInput = z.strictObject({ as: z.string().trim().regex(/^[a-z0-9_]{1,32}$/, '用户名格式不正确') });

export interface AuthDeps { config: ServerConfig; runtime: Runtime; tokens: Tokens; identify(header?: string): Promise<string | null> }

/** Login routes: WeChat code → token (self-hosted), seeded users (local demo only), and "who am I". */
export function registerAuth(app: FastifyInstance, d: AuthDeps): void {
  const { users, wxSessions } = d.runtime.repos;

  app.post('/api/auth/login', async (req) => {
    const { code } = parseInput(LoginInput, req.body ?? {});
    const { appId, secret, apiBase } = d.config.wechat;
    if (!appId || !secret) throw new AppError('NOT_FOUND', '本服务器未配置微信登录，请使用演示登录');
    const session = await code2Session({ appId, secret, apiBase }, code);
    const now = d.runtime.now();
    const user = await userOfOpenid(d.runtime, session.openid);
    // The session key decrypts the user's WeChat data: kept here, never sent to the client.
    await wxSessions.remember(session.openid, session.sessionKey, now);
    return { ok: true, data: { token: await d.tokens.sign(user._id), user: await userView(d.runtime, user) } };
  });

  app.post('/api/auth/dev-login', async (req) => {
    if (d.config.mode !== 'local') throw new AppError('NOT_FOUND', '接口不存在');
    const input = parseInput(DevLoginInput, req.body ?? {});
    const user = await users.byDevKey(input.as);
    if (!user) throw new AppError('NOT_FOUND', `没有名为 ${input.as} 的演示用户`);
    return { ok: true, data: { token: await d.tokens.sign(user._id), user: await userView(d.runtime, user) } };
  });

  app.get('/api/auth/dev-users', async () => {
    if (d.config.mode !== 'local') throw new AppError('NOT_FOUND', '接口不存在');
    const list = await users.demoPeople();
    return { ok: true, data: { items: list.map((u) => ({ as: u.devKey, name: u.name, roles: [...new Set(u.memberships.flatMap((m) => m.roles))] })) } };
  });

  app.get('/api/auth/me', async (req) => {
    const userId = await d.identify(req.headers.authorization);
    if (!userId) throw new AppError('UNAUTHENTICATED', '请先登录');
    const user = await users.find(userId);
    if (!user) throw new AppError('UNAUTHENTICATED', '登录已失效，请重新登录');
    return { ok: true, data: { user: await userView(d.runtime, user) } };
  });
}
