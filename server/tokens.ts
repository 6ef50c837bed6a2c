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

  async verify(token: string): Promise<string> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: 'xinyuan', algorithms: ['HS256'] });
      if (!payload.sub) throw new Error('no subject');
      return payload.sub;
    } catch {
      throw new AppError('UNAUTHENTICATED', '登录已过期，请重新登录');
    }
  }
}
