import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError, parseInput } from '@shared';
import { userOfOpenid } from '../cloudfunctions/_core/access/users';
import { signInCache, signInOf } from '../cloudfunctions/_core/access/sessions';
import type { Runtime } from '../cloudfunctions/_core/runtime/types';
import type { ServerConfig } from './config';
import type { AccessClaims, Tokens } from './tokens';
import { userView } from '../cloudfunctions/_core/access/userView';
import { code2Session } from './wechatApi';
import { USERS } from './seedData';

const LoginInput = z.strictObject({ code: z.string().trim().min(1).max(128) });
const DevLoginInput = z.strictObject({ as: z.string().trim().regex(/^[a-z0-9_]{1,32}$/, '用户名格式不正确') });
const RefreshToken = z.string().min(1).max(2048);
const RefreshInput = z.strictObject({ refreshToken: RefreshToken });
const LogoutInput = z.strictObject({ refreshToken: RefreshToken.optional() });

export interface AuthDeps {
  config: ServerConfig;
  runtime: Runtime;
  tokens: Tokens;
  /** The access token of an Authorization header, checked against its sign-in (gateway.ts). */
  authenticate(header?: string): Promise<AccessClaims | null>;
}

const revoked = () => new AppError('TOKEN_REVOKED', '登录已失效，请重新登录');

/**
 * Whether an access token may still be used: its signature and minutes (Tokens), then its sign-in, which is
 * ended on sign-out, on a change of the person's roles and when a refresh token comes back a second time.
 * Called inside the gateway's deadline (overload.ts) and cheap: the sign-in is read once per few seconds per
 * process (SIGN_IN_CACHE_MS).
 */
export async function checkAccess(d: Pick<AuthDeps, 'runtime' | 'tokens'>, token: string): Promise<AccessClaims> {
  const claims = await d.tokens.verifyAccess(token);
  const signIn = await signInOf(d.runtime.repos, claims.sessionId);
  if (!signIn || signIn.userId !== claims.userId || signIn.expiresAt.getTime() <= Date.now()) throw new AppError('UNAUTHENTICATED', '登录已过期，请重新登录');
  if (signIn.revokedAt) throw revoked();
  return claims;
}

/**
 * Login routes: WeChat code → tokens (self-hosted), seeded users (local demo only), "who am I", and the
 * sign-in's life: refresh (a new pair for the newest refresh token) and sign-out.
 */
export function registerAuth(app: FastifyInstance, d: AuthDeps): void {
  const { users, wxSessions, authSessions } = d.runtime.repos;
  // Sign-ins run on the real clock, as token expiry does (the runtime's clock moves in tests and demos).
  const signInHours = d.config.tokenTtlHours;

  /** A new sign-in: a 15-minute access token and the refresh token that renews it until the sign-in ends. */
  async function signIn(userId: string) {
    const at = new Date();
    const session = await authSessions.open(userId, at, new Date(at.getTime() + signInHours * 3_600_000));
    const claims = { userId, sessionId: session._id };
    return { token: await d.tokens.signAccess(claims), refreshToken: await d.tokens.signRefresh({ ...claims, generation: session.generation }, session.expiresAt) };
  }

  app.post('/api/auth/login', async (req) => {
    const { code } = parseInput(LoginInput, req.body ?? {});
    const { appId, secret, apiBase } = d.config.wechat;
    if (!appId || !secret) throw new AppError('NOT_FOUND', '本服务器未配置微信登录，请使用演示登录');
    const session = await code2Session({ appId, secret, apiBase }, code);
    const now = d.runtime.now();
    const user = await userOfOpenid(d.runtime, session.openid);
    // The session key decrypts the user's WeChat data: kept here, never sent to the client.
    await wxSessions.remember(session.openid, session.sessionKey, now);
    return { ok: true, data: { ...(await signIn(user._id)), user: await userView(d.runtime, user) } };
  });

  app.post('/api/auth/dev-login', async (req) => {
    if (d.config.mode !== 'local') throw new AppError('NOT_FOUND', '接口不存在');
    const input = parseInput(DevLoginInput, req.body ?? {});
    const user = await users.byDevKey(input.as);
    if (!user) throw new AppError('NOT_FOUND', `没有名为 ${input.as} 的演示用户`);
    return { ok: true, data: { ...(await signIn(user._id)), user: await userView(d.runtime, user) } };
  });

  app.get('/api/auth/dev-users', async () => {
    if (d.config.mode !== 'local') throw new AppError('NOT_FOUND', '接口不存在');
    const list = await users.demoPeople();
    // In the seed's order, each with the seed's own words for who they are and what to try (people added since come last).
    const seeded = new Map(USERS.map((u, i) => [u.key, { ...u, rank: i }]));
    const rank = (key?: string) => seeded.get(key ?? '')?.rank ?? USERS.length;
    const items = [...list].sort((a, b) => rank(a.devKey) - rank(b.devKey)).map((u) => {
      const seed = seeded.get(u.devKey ?? '');
      return { as: u.devKey, name: u.name, roles: [...new Set(u.memberships.flatMap((m) => m.roles))], ...(seed ? { title: seed.title, does: seed.does } : {}) };
    });
    return { ok: true, data: { items } };
  });

  /**
   * The newest refresh token → a new access token and the next refresh token (rotation). A refresh token
   * used before means two holders of one sign-in, the thief's or the person's: the whole sign-in ends.
   */
  app.post('/api/auth/refresh', async (req) => {
    const { refreshToken } = parseInput(RefreshInput, req.body ?? {});
    const claims = await d.tokens.verifyRefresh(refreshToken);
    const at = new Date();
    const next = await authSessions.rotate(claims.sessionId, claims.generation, at);
    if (!next) {
      const signIn = await authSessions.find(claims.sessionId);
      if (!signIn || signIn.userId !== claims.userId || signIn.expiresAt <= at) throw new AppError('UNAUTHENTICATED', '登录已过期，请重新登录');
      if (!signIn.revokedAt) {
        await authSessions.revoke(signIn._id, 'refresh_reused', at);
        signInCache.forget(d.runtime.repos, signIn._id);
      }
      throw revoked();
    }
    const access = { userId: next.userId, sessionId: next._id };
    return { ok: true, data: { token: await d.tokens.signAccess(access), refreshToken: await d.tokens.signRefresh({ ...access, generation: next.generation }, next.expiresAt) } };
  });

  /** Ends this sign-in on the server: its access token, named by the header, or its refresh token (the access token may have run out). */
  app.post('/api/auth/logout', async (req) => {
    const { refreshToken } = parseInput(LogoutInput, req.body ?? {});
    const sessionId = refreshToken ? (await d.tokens.verifyRefresh(refreshToken)).sessionId : (await d.authenticate(req.headers.authorization))?.sessionId;
    if (!sessionId) throw new AppError('UNAUTHENTICATED', '请先登录');
    await authSessions.revoke(sessionId, 'signed_out', new Date());
    signInCache.forget(d.runtime.repos, sessionId);
    return { ok: true, data: {} };
  });

  app.get('/api/auth/me', async (req) => {
    const claims = await d.authenticate(req.headers.authorization);
    if (!claims) throw new AppError('UNAUTHENTICATED', '请先登录');
    const user = await users.find(claims.userId);
    if (!user) throw new AppError('UNAUTHENTICATED', '登录已失效，请重新登录');
    return { ok: true, data: { user: await userView(d.runtime, user) } };
  });
}
