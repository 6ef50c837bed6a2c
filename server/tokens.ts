import { SignJWT, jwtVerify } from 'jose';
import { AppError } from '@shared';

/** Signed, expiring login tokens (HS256): the user id and nothing else; the WeChat session key stays on the server. */
export class Tokens {
  private readonly key: Uint8Array;
  constructor(secret: string, private readonly ttlHours: number) {
    this.key = new TextEncoder().encode(secret);
  }

  sign(userId: string): Promise<string> {
    return new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuedAt()
      .setIssuer('xinyuan')
      .setExpirationTime(`${this.ttlHours}h`)
      .sign(this.key);
  }

  /**
   * A token's signature, issuer and subject never change, so each is checked once: every
   * request carries one, and the HMAC check was a twentieth of the gateway's CPU. Expiry is
   * still checked on every use.
   */
  private readonly verified = new Map<string, { sub: string; expMs: number }>();

  async verify(token: string): Promise<string> {
    const hit = this.verified.get(token);
    if (hit && hit.expMs > Date.now()) return hit.sub;
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: 'xinyuan', algorithms: ['HS256'] });
      if (!payload.sub || payload.exp === undefined) throw new Error('no subject or expiry');
      if (this.verified.size >= 10_000) this.verified.clear();
      this.verified.set(token, { sub: payload.sub, expMs: payload.exp * 1000 });
      return payload.sub;
    } catch {
      this.verified.delete(token);
      throw new AppError('UNAUTHENTICATED', '登录已过期，请重新登录');
    }
  }
}
