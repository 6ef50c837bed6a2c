import { startTestServer, wishInput, request, type TestServer } from './harness';

let server: TestServer;
let openWishId: string;
let pendingWishId: string;
beforeAll(async () => {
  server = await startTestServer({ config: { bodyLimitBytes: 16 * 1024 } as never });
  const resident = await server.login('resident');
  const secretary = await server.login('secretary');
  await secretary.ok('org', 'updateSettings', { settings: { postsPerDay: 50 } });
  pendingWishId = (await resident.ok('wishes', 'create', wishInput({ title: '待审核的心愿' }))).wish.id;
  openWishId = (await resident.ok('wishes', 'create', wishInput({ title: '已发布的心愿' }))).wish.id;
  await secretary.ok('dispatch', 'approve', { wishId: openWishId });
});
afterAll(() => server?.stop());

const countWishes = () => server.db.collection('wishes').countDocuments();

describe('what each role may not do', () => {
  test('a resident approving a wish is forbidden', async () => {
    const resident = await server.login('resident2');
    const r = await resident.call('dispatch', 'approve', { wishId: pendingWishId });
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('a volunteer sees an unclaimed wish with the phone and address masked', async () => {
    const volunteer = await server.login('volunteer');
    const { wish } = await volunteer.ok('wishes', 'detail', { wishId: openWishId });
    expect(wish.contactPhone).toBe('138****0001');
    expect(wish.address).not.toContain('301');
    expect(wish.contactVisible).toBe(false);
  });

  test('a volunteer cannot read a wish still waiting for review', async () => {
    const volunteer = await server.login('volunteer');
    const r = await volunteer.call('wishes', 'detail', { wishId: pendingWishId });
    expect(r.status).toBe(404);
  });

  test('the secretary of another community can neither see nor approve this one', async () => {
    const other = await server.login('secretary2');
    expect((await other.call('dispatch', 'approve', { wishId: pendingWishId })).status).toBe(404);
    expect((await other.call('wishes', 'detail', { wishId: pendingWishId })).status).toBe(404);
    const queue = await other.ok('dispatch', 'queue', {});
    expect(queue.items.map((w: any) => w.id)).not.toContain(pendingWishId);
    expect((await other.call('stats', 'overview', { communityId: 'com-taoyuan' })).status).toBe(404);
  });

  test('a volunteer of another community cannot claim here', async () => {
    const outsider = await server.login('volunteer_bh');
    const r = await outsider.call('tasks', 'claim', { wishId: openWishId });
    expect(r.status).toBe(404);
  });

  test('a claim on a wish that is not open is an invalid transition', async () => {
    const volunteer = await server.login('volunteer');
    const r = await volunteer.call('tasks', 'claim', { wishId: pendingWishId });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION', details: { status: 'pending_review' } } });
  });

  test('a second claim past the free places is refused as already claimed', async () => {
    const resident = await server.login('resident');
    const secretary = await server.login('secretary');
    const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '只要一位志愿者' }));
    await secretary.ok('dispatch', 'approve', { wishId: wish.id });
    await (await server.login('volunteer')).ok('tasks', 'claim', { wishId: wish.id });
    const second = await (await server.login('party_member')).call('tasks', 'claim', { wishId: wish.id });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ ok: false, error: { code: 'ALREADY_CLAIMED' } });
  });

  test('a resident cannot claim; a town admin reads but cannot approve', async () => {
    expect((await (await server.login('resident2')).call('tasks', 'claim', { wishId: openWishId })).status).toBe(403);
    const town = await server.login('town_admin');
    expect((await town.ok('wishes', 'detail', { wishId: openWishId })).wish.contactPhone).toBe('138****0001');
    expect((await town.call('dispatch', 'approve', { wishId: pendingWishId })).status).toBe(403);
    const overview = await town.ok('stats', 'overview', {});
    // Every community of its town (花园镇: 桃源, 花园街), none of another.
    expect([...overview.communityIds].sort()).toEqual(['com-huayuanjie', 'com-taoyuan']);
  });
});

describe('bad input changes nothing', () => {
  test('a wish with missing and malformed fields → 400 naming each field, and no write', async () => {
    const resident = await server.login('resident');
    const before = await countWishes();
    const r = await resident.call('wishes', 'create', { category: 'unicorns', title: '', location: { type: 'Point', coordinates: [500, 31] }, contactPhone: '12345' });
    expect(r.status).toBe(400);
    expect(r.body.ok).toBe(false);
    const paths = (r.body as any).error.details.fields.map((f: any) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['category', 'title', 'description', 'location.coordinates.0', 'contactPhone']));
    expect(await countWishes()).toBe(before);
  });

  test('operators smuggled into ids are refused, not run', async () => {
    const volunteer = await server.login('volunteer');
    const r = await volunteer.call('tasks', 'claim', { wishId: { $gt: '' } });
    expect(r.status).toBe(400);
    const extra = await volunteer.call('tasks', 'claim', { wishId: openWishId, $where: '1' });
    expect(extra.status).toBe(400);
    expect((extra.body as any).error.details.fields[0].path).toBe('$where');
  });

  test('an unknown action is a 400, an unknown function a 404, a non-object body a 400', async () => {
    const resident = await server.login('resident');
    const r = await resident.call('wishes', 'teleport', {});
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'action' }] } } });
    expect((await resident.call('nope', 'x', {})).status).toBe(404);
    const raw = await request(`${server.url}/api/fn/wishes`, { token: resident.token, raw: '[1,2]' });
    expect(raw.status).toBe(400);
    const broken = await request(`${server.url}/api/fn/wishes`, { token: resident.token, raw: '{"action":' });
    expect(broken.status).toBe(400);
    expect(broken.body.ok).toBe(false);
  });

  test('no token → 401; a forged token → 401', async () => {
    expect((await server.anonymous().call('wishes', 'mine', {})).status).toBe(401);
    const forged = await request(`${server.url}/api/fn/wishes`, { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1LXNlY3JldGFyeSJ9.AAAA', body: { action: 'mine', data: {} } });
    expect(forged.status).toBe(401);
    expect(forged.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  test('a body over the limit → 413 envelope', async () => {
    const resident = await server.login('resident');
    const r = await resident.call('wishes', 'create', wishInput({ description: '长'.repeat(20_000) }));
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  test('text that fails the content check is refused with the field named', async () => {
    const resident = await server.login('resident');
    const r = await resident.call('wishes', 'create', wishInput({ description: '有人在楼下组织赌博，请处理' }));
    expect(r.status).toBe(400);
    expect((r.body as any).error.details.fields[0].path).toBe('description');
  });

  test('dev login of an unknown user → 404; the gateway never shows a stack trace', async () => {
    const r = await request(`${server.url}/api/auth/dev-login`, { body: { as: 'nobody' } });
    expect(r.status).toBe(404);
    expect(JSON.stringify(r.body)).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('requestId makes writes idempotent', () => {
  test('the same requestId twice → one wish, the same reply', async () => {
    const resident = await server.login('resident');
    const before = await countWishes();
    const first = await resident.call('wishes', 'create', wishInput({ title: '重复提交测试' }), 'req-create-0001');
    const second = await resident.call('wishes', 'create', wishInput({ title: '重复提交测试' }), 'req-create-0001');
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(await countWishes()).toBe(before + 1);
  });

  test('a replayed claim returns the first answer even though a new claim would now fail', async () => {
    const resident = await server.login('resident');
    const secretary = await server.login('secretary');
    const volunteer = await server.login('volunteer2');
    const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '重放认领测试' }));
    await secretary.ok('dispatch', 'approve', { wishId: wish.id });
    const a = await volunteer.call('tasks', 'claim', { wishId: wish.id }, 'req-claim-0001');
    const b = await volunteer.call('tasks', 'claim', { wishId: wish.id }, 'req-claim-0001');
    expect(a.status).toBe(200);
    expect(b.body).toEqual(a.body);
    const detail = await volunteer.ok('wishes', 'detail', { wishId: wish.id });
    expect(detail.events.filter((e: any) => e.action === 'claim')).toHaveLength(1);
  });

  test('a reply recorded before replies were kept as JSON text still answers its retry', async () => {
    const resident = await server.login('resident');
    const before = await countWishes();
    const reply = { ok: true, data: { wish: { id: 'w-recorded-earlier', title: '升级前提交的心愿' } } };
    await server.db.collection('requests').insertOne({ _id: 'wishes.create:u-resident:req-legacy-0001', state: 'done', reply, createdAt: new Date() } as never);
    const retried = await resident.call('wishes', 'create', wishInput({ title: '升级前提交的心愿' }), 'req-legacy-0001');
    expect(retried.body).toEqual(reply);
    expect(await countWishes()).toBe(before);
  });

  test('a malformed requestId is a 400', async () => {
    const resident = await server.login('resident');
    const r = await resident.call('wishes', 'create', wishInput(), 'x');
    expect(r.status).toBe(400);
    expect((r.body as any).error.details.fields[0].path).toBe('requestId');
  });
});

describe('rate limits', () => {
  test('a resident posting past the daily limit → 429', async () => {
    const secretary = await server.login('secretary');
    await secretary.ok('org', 'updateSettings', { settings: { postsPerDay: 2 } });
    const resident = await server.login('volunteer_bh');
    const secretary2 = await server.login('secretary2');
    await secretary2.ok('org', 'updateSettings', { settings: { postsPerDay: 2 } });
    const post = () => resident.call('wishes', 'create', wishInput({ location: { type: 'Point', coordinates: [110.1128, 32.8104] }, buildingId: 'bld-xcy-1' }));
    expect((await post()).status).toBe(200);
    expect((await post()).status).toBe(200);
    const third = await post();
    expect(third.status).toBe(429);
    expect(third.body).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    await secretary.ok('org', 'updateSettings', { settings: { postsPerDay: 50 } });
  });
});
