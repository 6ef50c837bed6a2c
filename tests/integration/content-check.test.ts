/**
 * Free text in self-hosted mode: with WeChat credentials configured, msgSecCheck v2 judges
 * what a person writes (on top of the local word list); when WeChat can't answer, the word
 * list alone does.
 */
import { startFakeWechat } from './fakeWechat';
import { startWechatTestServer, wishInput, type Client, type WechatTestServer } from './harness';
import { WechatHttpSender, WechatServerApi, wechatContentChecker } from '../../server/wechatApi';

let server: WechatTestServer;
let resident: Client;

beforeAll(async () => {
  server = await startWechatTestServer();
  const secretary = await server.login('secretary');
  await secretary.ok('org', 'updateSettings', { settings: { postsPerDay: 50 } });
  resident = await server.newcomer('mei');
  const invite = await secretary.ok('org', 'invites', { role: 'resident' });
  await resident.ok('org', 'acceptInvite', { code: invite.code, name: '梅阿姨' });
});
afterAll(async () => {
  await server?.stop();
});

beforeEach(() => {
  server.wechat.checked.length = 0;
  server.wechat.secCheckDown = false;
});

const wishesOf = (userId: string) => server.db.collection('wishes').countDocuments({ ownerId: userId });

describe('msgSecCheck in self-hosted mode', () => {
  test('a wish WeChat calls risky is refused with the field named, and nothing is written', async () => {
    const before = await wishesOf(resident.user.id);
    const r = await resident.call('wishes', 'create', wishInput({ description: '想请人教我上网络赌场玩两把' }));
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'description', message: '内容未通过安全检查' }] } } });
    expect(await wishesOf(resident.user.id)).toBe(before);
    expect(server.wechat.checked).toContainEqual({ content: '想请人教我上网络赌场玩两把', version: 2, scene: 3, openid: 'omei' });
  });

  test('a clean wish passes, each field checked once with the writer\'s openid', async () => {
    const before = await wishesOf(resident.user.id);
    const r = await resident.call('wishes', 'create', wishInput({ title: '想请人陪我去卫生院' }));
    expect(r.status).toBe(200);
    expect(await wishesOf(resident.user.id)).toBe(before + 1);
    expect(server.wechat.checked.map((c) => c.content).sort()).toEqual(['想请人陪我去卫生院', wishInput().description, wishInput().address].sort());
    expect(server.wechat.checked.every((c) => c.openid === 'omei' && c.version === 2)).toBe(true);
  });

  test('WeChat unreachable: the word list alone decides (fail open)', async () => {
    server.wechat.secCheckDown = true;
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const risky = await resident.call('wishes', 'create', wishInput({ title: '网络赌场的事想咨询' }));
    expect(risky.status).toBe(200);
    const listed = await resident.call('wishes', 'create', wishInput({ title: '赌博欠债想咨询' }));
    expect(listed.status).toBe(400);
    expect(listed.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'title' }] } } });
    // The outage is visible to whoever runs the server.
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('[msgSecCheck] WeChat unreachable'));
    warn.mockRestore();
  });

  test('demo accounts have no openid: word list only, WeChat is not asked', async () => {
    const demo = await server.login('resident');
    expect((await demo.call('wishes', 'create', wishInput({ title: '网络赌场' }))).status).toBe(200);
    expect((await demo.call('wishes', 'create', wishInput({ title: '违禁品' }))).status).toBe(400);
    expect(server.wechat.checked).toEqual([]);
  });
});

describe('a WeChat outage', () => {
  test('after three failed asks WeChat is left alone for a minute, then asked again', async () => {
    const wechat = await startFakeWechat('wx-app', 'wx-secret');
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      let clock = Date.parse('2026-11-22T09:00:00Z');
      const checker = wechatContentChecker(new WechatServerApi({ appId: 'wx-app', secret: 'wx-secret', apiBase: wechat.url }), { now: () => clock });
      wechat.secCheckDown = true;
      for (let i = 0; i < 3; i++) await checker.check({ note: `第${i}次进展` }, 'oa');
      expect(wechat.secCheckAttempts).toBe(3);
      expect(warn).toHaveBeenLastCalledWith(expect.stringContaining('word list only for the next 60 s'));

      // Paused: nobody waits on WeChat, and the word list still refuses what it lists.
      await checker.check({ note: '网络赌场' }, 'oa');
      await expect(checker.check({ note: '赌博' }, 'oa')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(wechat.secCheckAttempts).toBe(3);

      // A minute later, WeChat is back and asked again.
      clock += 60_001;
      wechat.secCheckDown = false;
      await expect(checker.check({ note: '网络赌场' }, 'oa')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(wechat.secCheckAttempts).toBe(4);
    } finally {
      warn.mockRestore();
      await wechat.stop();
    }
  });
});

describe('one access token for every WeChat API', () => {
  test('the checker and the sender share one token; a revoked token is fetched again once', async () => {
    const wechat = await startFakeWechat('wx-app', 'wx-secret');
    try {
      const api = new WechatServerApi({ appId: 'wx-app', secret: 'wx-secret', apiBase: wechat.url });
      const checker = wechatContentChecker(api);
      const sender = new WechatHttpSender(api);
      const send = () => sender.send({ openid: 'oa', templateId: 'TPL', data: { thing1: { value: '好' } } });
      await Promise.all([checker.check({ note: '今天去了' }, 'oa'), send(), checker.check({ comment: '谢谢' }, 'ob')]);
      expect(wechat.tokenRequests).toBe(1);
      expect(wechat.sent).toHaveLength(1);
      expect(wechat.checked.map((c) => c.scene)).toEqual([2, 2]);

      wechat.accessToken = 'ROTATED';
      expect(await send()).toEqual({ ok: true });
      await expect(checker.check({ note: '网络赌场' }, 'oa')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(wechat.tokenRequests).toBe(2);
    } finally {
      await wechat.stop();
    }
  });
});
