import { Tokens } from '../../server/tokens';

const SECRET = 'test-secret-of-enough-length-000000';
const who = { userId: 'u-volunteer', sessionId: 's-1' };

describe('login tokens', () => {
  afterEach(() => jest.useRealTimers());

  it('an access token is accepted for its minutes and then refused as expired (so the client renews it), even after being accepted before', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-22T08:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
    const tokens = new Tokens(SECRET, 15 * 60);
    const token = await tokens.signAccess(who);
    expect(await tokens.verifyAccess(token)).toEqual(who);
    expect(await tokens.verifyAccess(token)).toEqual(who);

    jest.setSystemTime(new Date('2026-11-22T08:15:01Z'));
    await expect(tokens.verifyAccess(token)).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    // Also when this process never saw it while it was valid.
    await expect(new Tokens(SECRET, 15 * 60).verifyAccess(token)).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
  });

  it('refuse a token whose payload was altered, and one signed with another secret', async () => {
    const tokens = new Tokens(SECRET, 900);
    const token = await tokens.signAccess({ userId: 'u-resident', sessionId: 's-2' });
    const [h, p, sig] = token.split('.');
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    const forged = [h, Buffer.from(JSON.stringify({ ...payload, sub: 'u-secretary' })).toString('base64url'), sig].join('.');
    await expect(tokens.verifyAccess(forged)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });

    const other = await new Tokens('another-secret-of-enough-length-111', 900).signAccess({ userId: 'u-secretary', sessionId: 's-3' });
    await expect(tokens.verifyAccess(other)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('an expired forgery is a forgery, not an expired token', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-22T08:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
    const other = await new Tokens('another-secret-of-enough-length-111', 60).signAccess(who);
    jest.setSystemTime(new Date('2026-11-22T09:00:00Z'));
    await expect(new Tokens(SECRET, 60).verifyAccess(other)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('a refresh token is never taken for an access token, nor the other way round', async () => {
    const tokens = new Tokens(SECRET, 900);
    const refresh = await tokens.signRefresh({ ...who, generation: 3 }, new Date(Date.now() + 3_600_000));
    expect(await tokens.verifyRefresh(refresh)).toEqual({ ...who, generation: 3 });
    await expect(tokens.verifyAccess(refresh)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(tokens.verifyRefresh(await tokens.signAccess(who))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('a refresh token ends with its sign-in: past that it signs the person out rather than asking for a renewal', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-22T08:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
    const tokens = new Tokens(SECRET, 900);
    const refresh = await tokens.signRefresh({ ...who, generation: 0 }, new Date('2026-11-29T08:00:00Z'));
    jest.setSystemTime(new Date('2026-11-29T08:00:01Z'));
    await expect(tokens.verifyRefresh(refresh)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
