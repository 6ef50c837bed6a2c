import { Tokens } from '../../server/tokens';

describe('login tokens', () => {
  afterEach(() => jest.useRealTimers());

  it('are accepted for their lifetime and refused once expired, even after being accepted before', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-22T08:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
    const tokens = new Tokens('test-secret-of-enough-length-000000', 1);
    const token = await tokens.sign('u-volunteer');
    expect(await tokens.verify(token)).toBe('u-volunteer');
    expect(await tokens.verify(token)).toBe('u-volunteer');

    jest.setSystemTime(new Date('2026-11-22T09:00:01Z'));
    await expect(tokens.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuse a token whose payload was altered, and one signed with another secret', async () => {
    const tokens = new Tokens('test-secret-of-enough-length-000000', 1);
    const token = await tokens.sign('u-resident');
    const [h, p, sig] = token.split('.');
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    const forged = [h, Buffer.from(JSON.stringify({ ...payload, sub: 'u-secretary' })).toString('base64url'), sig].join('.');
    await expect(tokens.verify(forged)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });

    const other = await new Tokens('another-secret-of-enough-length-111', 1).sign('u-secretary');
    await expect(tokens.verify(other)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
