import { SignJWT, errors, jwtVerify } from 'jose';
import { AppError } from '@shared';

/** Who an access token speaks for, and the sign-in (session) it belongs to: revoking the session ends it. */
export interface AccessClaims {
  userId: string;
  sessionId: string;
}

/** A refresh token names its sign-in and which rotation it is: only the newest may be used, once. */
export interface RefreshClaims extends AccessClaims {
  generation: number;
}

/**
 * Signed tokens (HS256), the user id and the sign-in's id and nothing else; the WeChat session key stays
 * on the server. Two kinds, told apart by audience so one is never taken for the other: short access
 * tokens sent with every call, and a refresh token that buys the next one (server/auth.ts rotates it).
 * Expiry runs on the real clock, never the runtime's movable one.
 */
export class Tokens {
  private readonly key: Uint8Array;
  constructor(secret: string, private readonly accessTtlSeconds: number) {
    this.key = new TextEncoder().encode(secret);
  }

  signAccess({ userId, sessionId }: AccessClaims): Promise<string> {
    return new SignJWT({ sid: sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setAudience('access')
      .setIssuedAt()
      .setIssuer('xinyuan')
      .setExpirationTime(`${this.accessTtlSeconds}s`)
      .sign(this.key);
  }

  /** Lives as long as the sign-in it belongs to (`until`). */
  signRefresh({ userId, sessionId, generation }: RefreshClaims, until: Date): Promise<string> {
    return new SignJWT({ sid: sessionId, gen: generation })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setAudience('refresh')
      .setIssuedAt()
      .setIssuer('xinyuan')
      .setExpirationTime(Math.floor(until.getTime() / 1000))
      .sign(this.key);
  }

  /**
   * A token's signature, issuer and claims never change, so each is checked once: every
   * request carries one, and the HMAC check was a twentieth of the gateway's CPU. Expiry is
   * still checked on every use.
   */
  private readonly verified = new Map<string, { claims: AccessClaims; expMs: number }>();

  /** The claims of a valid access token; TOKEN_EXPIRED once its minutes are over (the client refreshes), UNAUTHENTICATED for anything else. */
  async verifyAccess(token: string): Promise<AccessClaims> {
    const hit = this.verified.get(token);
    if (hit) {
      if (hit.expMs > Date.now()) return hit.claims;
      this.verified.delete(token);
      throw expired();
    }
    const { payload, expMs } = await this.check(token, 'access');
    const claims = { userId: payload.sub!, sessionId: payload.sid as string };
    if (this.verified.size >= 10_000) this.verified.clear();
    this.verified.set(token, { claims, expMs });
    return claims;
  }

  /** The claims of a valid refresh token; an expired one ends the sign-in (UNAUTHENTICATED, not TOKEN_EXPIRED: there is nothing left to renew it with). */
  async verifyRefresh(token: string): Promise<RefreshClaims> {
    try {
      const { payload } = await this.check(token, 'refresh');
      if (!Number.isSafeInteger(payload.gen)) throw new Error('no generation');
      return { userId: payload.sub!, sessionId: payload.sid as string, generation: payload.gen as number };
    } catch {
      throw new AppError('UNAUTHENTICATED', '登录已过期，请重新登录');
    }
  }

  private async check(token: string, audience: 'access' | 'refresh') {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: 'xinyuan', audience, algorithms: ['HS256'] });
      if (!payload.sub || payload.exp === undefined || typeof payload.sid !== 'string') throw new Error('no subject, sign-in or expiry');
      return { payload, expMs: payload.exp * 1000 };
    } catch (err) {
      if (err instanceof errors.JWTExpired) throw expired();
      throw new AppError('UNAUTHENTICATED', '登录凭证无效，请重新登录');
    }
  }
}

const expired = () => new AppError('TOKEN_EXPIRED', '登录已过期，请重新登录');
