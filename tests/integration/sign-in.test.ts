/**
 * A sign-in on the self-hosted server (issue 11, L6): access tokens last minutes and are renewed with a
 * rotating refresh token; the server ends a sign-in on sign-out, on any change of the person's roles, and
 * when a refresh token is used a second time, and a token of an ended sign-in is refused TOKEN_REVOKED.
 */
import { SignJWT, decodeJwt } from 'jose';
import { request, startWechatTestServer, wishInput, type Client, type WechatTestServer } from './harness';

const SECRET = 'k'.repeat(48); // the wechat test server's TOKEN_SECRET
let server: WechatTestServer;

beforeAll(async () => {
  server = await startWechatTestServer();
});
afterAll(async () => {
  await server?.stop();
});

interface Pair { token: string; refreshToken: string }

async function signIn(as: string): Promise<Pair & { client: Client }> {
  const { data } = await request(`${server.url}/api/auth/dev-login`, { body: { as } });
  return { token: data.token, refreshToken: data.refreshToken, client: server.withToken(data.token, data.user) };
}
const refresh = (refreshToken: string) => request(`${server.url}/api/auth/refresh`, { body: { refreshToken } });
const me = (token: string) => request(`${server.url}/api/auth/me`, { method: 'GET', token });
const codeOf = (r: { body: { ok: boolean; error?: { code: string } } }) => (r.body.ok ? 'OK' : r.body.error!.code);

/** The same token as it would read past its minutes: the same person and sign-in, signed by the server's key. */
async function pastItsMinutes(token: string): Promise<string> {
  const { sub, sid, aud } = decodeJwt(token);
  const issued = Math.floor(Date.now() / 1000) - 16 * 60;
  return new SignJWT({ sid })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub!)
    .setAudience(aud as string)
    .setIssuer('xinyuan')
    .setIssuedAt(issued)
    .setExpirationTime(issued + 15 * 60)
    .sign(new TextEncoder().encode(SECRET));
}

test('a login gives an access token of 15 minutes and a refresh token lasting the sign-in', async () => {
  const { token, refreshToken } = await signIn('resident');
  const access = decodeJwt(token);
  expect(access.exp! - access.iat!).toBe(15 * 60);
  const renew = decodeJwt(refreshToken);
  expect(renew.exp! - renew.iat!).toBe(7 * 24 * 3600);
  expect(renew.sid).toBe(access.sid);
});

test('an access token past its minutes gets 401 TOKEN_EXPIRED; the refresh token buys a new pair, and the write tried again with its requestId runs once', async () => {
  const { token, refreshToken, client } = await signIn('resident');
  const title = '楼道声控灯不亮';
  const send = (with_: string) => request(`${server.url}/api/fn/wishes`, { token: with_, body: { action: 'create', data: wishInput({ title }), requestId: 'sign-in-expired-1' } });

  const expired = await send(await pastItsMinutes(token));
  expect(expired.status).toBe(401);
  expect(codeOf(expired)).toBe('TOKEN_EXPIRED');
  expect(await server.db.collection('wishes').countDocuments({ title })).toBe(0);

  const renewed = await refresh(refreshToken);
  expect(renewed.data).toEqual({ token: expect.any(String), refreshToken: expect.any(String) });
  expect(renewed.data.refreshToken).not.toBe(refreshToken);
  const first = await send(renewed.data.token);
  const again = await send(renewed.data.token);
  expect(first.data.wish).toMatchObject({ title, status: 'pending_review', ownerId: client.user.id });
  expect(again.data).toEqual(first.data);
  expect(await server.db.collection('wishes').countDocuments({ title })).toBe(1);
});

test('each refresh token is used once: a second use ends the whole sign-in, the newest tokens included', async () => {
  const { refreshToken: r0 } = await signIn('volunteer');
  const first = (await refresh(r0)).data;
  const second = (await refresh(first.refreshToken)).data;
  expect((await me(second.token)).status).toBe(200);

  // The first token again: someone else holds a copy. Neither holder keeps the sign-in.
  const reused = await refresh(r0);
  expect(reused.status).toBe(401);
  expect(codeOf(reused)).toBe('TOKEN_REVOKED');
  expect(codeOf(await me(second.token))).toBe('TOKEN_REVOKED');
  expect(codeOf(await refresh(second.refreshToken))).toBe('TOKEN_REVOKED');
  // Another sign-in of the same person is not touched.
  const other = await signIn('volunteer');
  expect((await me(other.token)).status).toBe(200);
});

test('of two uses of one refresh token at once, exactly one is answered with a new pair', async () => {
  const { refreshToken } = await signIn('party_member');
  const replies = await Promise.all([refresh(refreshToken), refresh(refreshToken)]);
  expect(replies.map((r) => r.status).sort()).toEqual([200, 401]);
});

test('signing out ends the sign-in on the server: its access token and its refresh token are refused, other sign-ins go on', async () => {
  const here = await signIn('grid_worker');
  const elsewhere = await signIn('grid_worker');
  const out = await request(`${server.url}/api/auth/logout`, { body: { refreshToken: here.refreshToken } });
  expect(out.status).toBe(200);

  const call = await here.client.call('dispatch', 'queue', {});
  expect(call.status).toBe(401);
  expect(codeOf(call)).toBe('TOKEN_REVOKED');
  expect(codeOf(await refresh(here.refreshToken))).toBe('TOKEN_REVOKED');
  expect((await elsewhere.client.call('dispatch', 'queue', {})).status).toBe(200);

  // Signing out with the access token alone works as well.
  expect((await request(`${server.url}/api/auth/logout`, { token: elsewhere.token, body: {} })).status).toBe(200);
  expect(codeOf(await me(elsewhere.token))).toBe('TOKEN_REVOKED');
});

test('a role granted or taken away by the secretary ends every sign-in of that person; signing in again carries the new roles', async () => {
  const secretary = (await signIn('secretary')).client;
  const phone = await signIn('resident2');
  const laptop = await signIn('resident2');
  await secretary.ok('org', 'roles', { userId: phone.client.user.id, roles: ['resident', 'volunteer'] });
  for (const s of [phone, laptop]) {
    const refused = await s.client.call('tasks', 'nearby', { lng: 113.9935, lat: 31.2525 });
    expect(refused.status).toBe(401);
    expect(codeOf(refused)).toBe('TOKEN_REVOKED');
    expect(codeOf(await refresh(s.refreshToken))).toBe('TOKEN_REVOKED');
  }
  const again = await signIn('resident2');
  expect((await me(again.token)).data.user.roles).toEqual(['resident', 'volunteer']);

  await secretary.ok('org', 'roles', { userId: phone.client.user.id, roles: ['resident'] });
  expect(codeOf(await me(again.token))).toBe('TOKEN_REVOKED');
  // The secretary who made the change is not signed out by it.
  expect((await me((await signIn('secretary')).token)).status).toBe(200);
  expect((await secretary.call('org', 'members', {})).status).toBe(200);
});

test('an approved request to join ends the newcomer’s sign-in; joining by invite keeps the sign-in that joined and ends the others', async () => {
  const secretary = (await signIn('secretary')).client;
  const wang = await server.newcomer('token-wang');
  const asked = await wang.ok('org', 'requestJoin', { communityId: 'com-taoyuan', name: '王令牌', roles: ['resident'] });
  await secretary.ok('org', 'decideJoin', { requestId: asked.request.id, approve: true });
  expect(codeOf(await me(wang.token!))).toBe('TOKEN_REVOKED');
  const back = await server.newcomer('token-wang');
  expect((await me(back.token!)).data.user).toMatchObject({ name: '王令牌', roles: ['resident'] });

  const invite = await secretary.ok('org', 'invites', { role: 'resident' });
  const joining = await server.newcomer('token-li');
  const otherDevice = await server.newcomer('token-li');
  await joining.ok('org', 'acceptInvite', { code: invite.code, name: '李令牌' });
  expect((await me(joining.token!)).data.user).toMatchObject({ name: '李令牌', roles: ['resident'] });
  expect(codeOf(await me(otherDevice.token!))).toBe('TOKEN_REVOKED');
});

test('a refresh or sign-out with a forged token is refused and ends nothing', async () => {
  const { token, refreshToken } = await signIn('unit_admin');
  const [h, p] = refreshToken.split('.');
  const forged = `${h}.${p}.${Buffer.from('not the signature').toString('base64url')}`;
  expect(codeOf(await refresh(forged))).toBe('UNAUTHENTICATED');
  expect(codeOf(await request(`${server.url}/api/auth/logout`, { body: { refreshToken: forged } }))).toBe('UNAUTHENTICATED');
  // An access token is not a refresh token.
  expect(codeOf(await refresh(token))).toBe('UNAUTHENTICATED');
  expect((await me(token)).status).toBe(200);
  expect((await refresh(refreshToken)).status).toBe(200);
});
