/**
 * 集体活动 (issue 12 item 8): staff publish an event with places and time; volunteers sign up, check in and out
 * with the code the organiser shows; each attendee's hours are credited on check-out, into the same service
 * records and points ledger as a confirmed wish.
 */
import { startTestServer, type Client, type Reply, type TestServer } from './harness';

let server: TestServer;
let secretary: Client;
beforeAll(async () => {
  server = await startTestServer({ config: { rateLimitPerMinute: 100_000 } as never });
  secretary = await server.login('secretary');
  await secretary.ok('org', 'updateSettings', { settings: { pointsPerHour: 10, pointsDailyCap: 0, pointsCategoryWeights: {} } });
});
afterAll(() => server?.stop());

let serial = 0;
/** A volunteer of 桃源社区 with no history: balances and hours start at zero. */
async function newHelper(): Promise<Client & { id: string }> {
  const key = `act_helper_${++serial}`;
  await server.db.collection('users').insertOne({
    _id: `u-${key}`, devKey: key, name: `活动志愿者${serial}`,
    memberships: [{ communityId: 'com-taoyuan', townId: 'town-huayuan', roles: ['volunteer'] }], createdAt: new Date(),
  } as never);
  return Object.assign(await server.login(key), { id: `u-${key}` });
}

const hoursFromNow = (h: number) => new Date(server.clock.now().getTime() + h * 3_600_000).toISOString();

/** An activity starting `inHours` from now and running `forHours`. */
async function publish(over: Record<string, unknown> = {}, inHours = 1, forHours = 3) {
  const { activity } = await secretary.ok('activities', 'publish', {
    title: '滨江广场环境卫生整治', category: 'environment', description: '清理广场垃圾，劝导文明遛狗，请穿志愿红马甲。',
    place: '滨江广场东侧', startAt: hoursFromNow(inHours), endAt: hoursFromNow(inHours + forHours), places: 10, organizer: '桃源社区党总支', ...over,
  });
  return activity as { id: string; placesLeft: number; state: string };
}

/** The error of a refused call. */
const err = (r: Reply) => (r.body.ok ? undefined : r.body.error);

const codeOf = async (activityId: string): Promise<string> => (await secretary.ok('activities', 'code', { activityId })).code;

/** A code that is none of the last hour's (the digits of the current one, moved on by one). */
const otherThan = (code: string) => String((Number(code) + 500_001) % 1_000_000).padStart(6, '0');

describe('publishing', () => {
  test('staff publish an activity: open for sign-up, every place free; a volunteer may not publish', async () => {
    const a = await publish({ places: 30 });
    expect(a).toMatchObject({ state: 'open', places: 30, placesLeft: 30, organizer: '桃源社区党总支' });
    expect(JSON.stringify(a)).not.toContain('codeSecret');
    const volunteer = await newHelper();
    const listed = await volunteer.ok('activities', 'list', {});
    expect(listed.items.map((x: { id: string }) => x.id)).toContain(a.id);
    const refused = await volunteer.call('activities', 'publish', { title: 'x', category: 'other', description: 'x', place: 'x', startAt: hoursFromNow(1), endAt: hoursFromNow(2), places: 1, organizer: 'x' });
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('an end before the start, or an activity longer than a day, is refused naming endAt', async () => {
    for (const [start, end] of [[2, 1], [1, 30]]) {
      const r = await secretary.call('activities', 'publish', {
        title: '防汛巡逻', category: 'patrol', description: '沿汉江防洪堤巡查', place: '防洪堤', startAt: hoursFromNow(start), endAt: hoursFromNow(end), places: 5, organizer: '桃源社区',
      });
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'endAt' }] } } });
    }
  });

  test('places are never cut below those signed up; cancelled before the start, the activity refuses sign-ups', async () => {
    const a = await publish({ places: 3 });
    const [v1, v2] = [await newHelper(), await newHelper()];
    await v1.ok('activities', 'signUp', { activityId: a.id });
    await v2.ok('activities', 'signUp', { activityId: a.id });
    const cut = await secretary.call('activities', 'edit', { activityId: a.id, places: 1 });
    expect(cut.body).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '已有 2 人报名，名额不能少于 2' } });
    expect((await secretary.ok('activities', 'edit', { activityId: a.id, places: 2 })).activity).toMatchObject({ places: 2, placesLeft: 0 });
    await secretary.ok('activities', 'cancel', { activityId: a.id, reason: '暴雨预警，改期举行' });
    const late = await newHelper();
    const r = await late.call('activities', 'signUp', { activityId: a.id });
    expect(r.body).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '活动已取消' } });
    expect((await v1.ok('activities', 'detail', { activityId: a.id })).activity).toMatchObject({ state: 'cancelled', cancelReason: '暴雨预警，改期举行' });
  });
});

describe('those coming are told', () => {
  /** The activity's messages in one person's inbox, newest first. */
  const told = async (who: Client, template: string) =>
    (await who.ok('notify', 'inbox', { limit: 50 })).items.filter((m: { template: string }) => m.template === template) as { body: string; page?: string }[];

  test('a new time or place reaches everyone signed up, with the activity to open; a new title alone, nobody; one who withdrew, never', async () => {
    const a = await publish({ title: '重阳节敬老包饺子', place: '社区活动室' }, 24, 2);
    const [going, left] = [await newHelper(), await newHelper()];
    await going.ok('activities', 'signUp', { activityId: a.id });
    await left.ok('activities', 'signUp', { activityId: a.id });
    await left.ok('activities', 'withdraw', { activityId: a.id });

    await secretary.ok('activities', 'edit', { activityId: a.id, title: '重阳节敬老包饺子活动' });
    expect(await told(going, 'activity_changed')).toHaveLength(0);

    await secretary.ok('activities', 'edit', { activityId: a.id, place: '桃源小区G5栋楼下', startAt: hoursFromNow(25), endAt: hoursFromNow(27) });
    const [moved] = await told(going, 'activity_changed');
    expect(moved.body).toMatch(/^您报名的活动「重阳节敬老包饺子活动」有变动：时间改为\d\d-\d\d \d\d:\d\d–\d\d:\d\d，地点改为桃源小区G5栋楼下。/);
    expect(moved.page).toBe(`packages/helper/pages/activity/index?id=${a.id}`);
    expect(await told(left, 'activity_changed')).toHaveLength(0);
  });

  test('called off: everyone coming reads why; one who withdrew is not told', async () => {
    const a = await publish({ title: '汉江堤岸捡拾垃圾' }, 24, 2);
    const [going, left] = [await newHelper(), await newHelper()];
    await going.ok('activities', 'signUp', { activityId: a.id });
    await left.ok('activities', 'signUp', { activityId: a.id });
    await left.ok('activities', 'withdraw', { activityId: a.id });
    await secretary.ok('activities', 'cancel', { activityId: a.id, reason: '暴雨预警，改期举行' });
    const [off] = await told(going, 'activity_cancelled');
    expect(off.body).toBe('您报名的活动「汉江堤岸捡拾垃圾」取消了，原因是：暴雨预警，改期举行。不用再去了。');
    expect(await told(left, 'activity_cancelled')).toHaveLength(0);
  });
});

describe('signing up', () => {
  test('N places and 3N people signing up at once: exactly N get one, the rest are told it is full', async () => {
    const N = 4;
    const a = await publish({ places: N });
    const people = await Promise.all(Array.from({ length: 3 * N }, () => newHelper()));
    const replies = await Promise.all(people.map((p) => p.call('activities', 'signUp', { activityId: a.id })));
    const won = replies.filter((r) => r.body.ok);
    expect(won).toHaveLength(N);
    for (const r of replies.filter((x) => !x.body.ok)) expect(err(r)).toMatchObject({ code: 'CONFLICT', message: '名额已满' });
    const { activity, attendees } = await secretary.ok('activities', 'attendance', { activityId: a.id });
    expect(activity.placesLeft).toBe(0);
    expect(attendees.filter((x: { status: string }) => x.status === 'signed_up')).toHaveLength(N);
  });

  test('as the app sends them (each tap with its requestId), 30 sign-ups at once for 3 places: exactly 3 get one, 27 are told 名额已满, none is answered 503', async () => {
    const K = 3;
    const a = await publish({ places: K });
    const people = await Promise.all(Array.from({ length: 30 }, () => newHelper()));
    const taps = people.map((_, i) => `signup-${a.id}-${i}`);
    const replies = await Promise.all(people.map((p, i) => p.call('activities', 'signUp', { activityId: a.id }, taps[i])));
    expect(replies.filter((r) => r.status === 503)).toHaveLength(0);
    expect(replies.filter((r) => r.body.ok)).toHaveLength(K);
    const refused = replies.filter((r) => !r.body.ok);
    expect(refused).toHaveLength(30 - K);
    for (const r of refused) expect(err(r)).toMatchObject({ code: 'CONFLICT', message: '名额已满', details: { reason: 'full' } });
    const { activity, attendees } = await secretary.ok('activities', 'attendance', { activityId: a.id });
    expect(activity.placesLeft).toBe(0);
    const signed = attendees.filter((x: { status: string }) => x.status === 'signed_up').map((x: { userId: string }) => x.userId).sort();
    expect(signed).toEqual(people.filter((_, i) => replies[i].body.ok).map((p) => p.id).sort());
    // A tap sent again with its requestId gets the answer it had.
    const again = await people[0].call('activities', 'signUp', { activityId: a.id }, taps[0]);
    expect(again.body.ok).toBe(replies[0].body.ok);
  });

  test('signing up twice is refused; withdrawing gives the place back to the next person', async () => {
    const a = await publish({ places: 1 });
    const [first, second] = [await newHelper(), await newHelper()];
    await first.ok('activities', 'signUp', { activityId: a.id });
    expect((await first.call('activities', 'signUp', { activityId: a.id })).body).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '您已报名' } });
    expect(err(await second.call('activities', 'signUp', { activityId: a.id }))?.message).toBe('名额已满');
    expect((await first.ok('activities', 'withdraw', { activityId: a.id })).activity).toMatchObject({ placesLeft: 1, mine: { status: 'withdrawn' } });
    expect((await second.ok('activities', 'signUp', { activityId: a.id })).activity).toMatchObject({ placesLeft: 0, mine: { status: 'signed_up' } });
  });

  test('an activity of another community does not exist for the caller', async () => {
    const a = await publish();
    const outsider = await server.login('volunteer_bh');
    expect((await outsider.call('activities', 'detail', { activityId: a.id })).body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await outsider.call('activities', 'signUp', { activityId: a.id })).body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('checking in and out with the organiser\'s code', () => {
  test('a wrong code and an expired one are refused with their own codes, and change nothing', async () => {
    const a = await publish({}, 0.25, 2);
    const v = await newHelper();
    await v.ok('activities', 'signUp', { activityId: a.id });
    const code = await codeOf(a.id);
    const wrong = await v.call('activities', 'checkIn', { activityId: a.id, code: otherThan(code) });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ ok: false, error: { code: 'CODE_WRONG', details: { fields: [{ path: 'code' }] } } });
    server.clock.advanceHours(3 / 60);
    const expired = await v.call('activities', 'checkIn', { activityId: a.id, code });
    expect(expired.status).toBe(410);
    expect(expired.body).toMatchObject({ ok: false, error: { code: 'CODE_EXPIRED', message: '签到码已过期，请扫描组织者当前出示的签到码' } });
    expect((await v.ok('activities', 'detail', { activityId: a.id })).activity.mine).toEqual({ status: 'signed_up' });
    // The code shown a moment ago (the last minute's) is still good: a phone that read it just before it changed.
    const shown = await codeOf(a.id);
    server.clock.advanceHours(1 / 60);
    expect((await v.ok('activities', 'checkIn', { activityId: a.id, code: shown })).activity.mine.status).toBe('checked_in');
  });

  test('check-in opens half an hour before the start; someone who did not sign up is told to', async () => {
    const a = await publish({}, 2, 1);
    const v = await newHelper();
    await v.ok('activities', 'signUp', { activityId: a.id });
    expect(err(await secretary.call('activities', 'code', { activityId: a.id }))).toMatchObject({ code: 'CONFLICT', message: '活动开始前 30 分钟起才能出示签到码' });
    server.clock.advanceHours(1.6);
    const code = await codeOf(a.id);
    const stranger = await newHelper();
    expect(err(await stranger.call('activities', 'checkIn', { activityId: a.id, code }))).toMatchObject({ code: 'CONFLICT', message: '您还没有报名这个活动' });
    await v.ok('activities', 'checkIn', { activityId: a.id, code });
  });

  test('checking out credits the hours within the activity, as a service and in points, once however often it is retried', async () => {
    const a = await publish({ title: '汉江防洪堤巡逻', category: 'patrol' }, 0.25, 2);
    const v = await newHelper();
    await v.ok('activities', 'signUp', { activityId: a.id });
    const overviewBefore = await secretary.ok('stats', 'overview', {});
    await v.ok('activities', 'checkIn', { activityId: a.id, code: await codeOf(a.id) }); // 15 minutes early: counts from the start
    server.clock.advanceHours(0.25 + 1.5);
    const code = await codeOf(a.id);
    const first = await v.call('activities', 'checkOut', { activityId: a.id, code }, 'req-checkout-1');
    expect(first.body).toMatchObject({ ok: true, data: { hours: 1.5, points: 15, activity: { mine: { status: 'checked_out', hours: 1.5 } } } });
    const replayed = await v.call('activities', 'checkOut', { activityId: a.id, code }, 'req-checkout-1');
    expect(replayed.body).toEqual(first.body);
    const again = await v.call('activities', 'checkOut', { activityId: a.id, code });
    expect(again.body).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '您已签退，本次服务时长已记录' } });

    const points = await v.ok('points', 'mine', {});
    expect(points.balance).toBe(15);
    expect(points.entries).toHaveLength(1);
    expect(points.entries[0].text).toBe('参加集体活动「汉江防洪堤巡逻」，服务 1.5 小时，获得 15 积分');
    const mine = await v.ok('activities', 'mine', {});
    expect(mine.hours).toBe(1.5);
    // The same hook deposits the hours in the 时间银行, once.
    expect((await v.ok('timebank', 'mine', {})).balance).toBe(1.5);
    const overview = await secretary.ok('stats', 'overview', {});
    expect(overview.serviceCount).toBe(overviewBefore.serviceCount + 1);
    expect(overview.serviceHours).toBeCloseTo(overviewBefore.serviceHours + 1.5);
    const from = new Date(server.clock.now().getTime() - 86_400_000).toISOString();
    const cert = await v.ok('certificates', 'issue', { from, to: hoursFromNow(1) });
    expect(cert.certificate).toMatchObject({ services: 1, hours: 1.5 });
    expect((await secretary.ok('points', 'audit', {})).mismatches).toEqual([]);
  });

  test('staff put right a forgotten check-out after the end: hours credited once, and the volunteer cannot check out again', async () => {
    const a = await publish({ title: '社区义诊', category: 'clinic' }, 0.25, 2);
    const [v, w] = [await newHelper(), await newHelper()];
    await v.ok('activities', 'signUp', { activityId: a.id });
    await w.ok('activities', 'signUp', { activityId: a.id });
    server.clock.advanceHours(0.25);
    await v.ok('activities', 'checkIn', { activityId: a.id, code: await codeOf(a.id) });
    server.clock.advanceHours(5);
    const end = new Date(server.clock.now().getTime() - 3 * 3_600_000).toISOString();
    const fixed = await secretary.ok('activities', 'correct', { activityId: a.id, userId: v.id, checkedOutAt: end });
    expect(fixed).toMatchObject({ attendee: { status: 'checked_out', hours: 2, corrected: true }, points: 20 });
    expect(err(await secretary.call('activities', 'correct', { activityId: a.id, userId: v.id, checkedOutAt: end }))?.code).toBe('CONFLICT');
    // One who forgot both: the check-in is needed too.
    const noIn = await secretary.call('activities', 'correct', { activityId: a.id, userId: w.id, checkedOutAt: end });
    expect(noIn.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'checkedInAt' }] } } });
    const start = new Date(server.clock.now().getTime() - 5 * 3_600_000).toISOString();
    expect((await secretary.ok('activities', 'correct', { activityId: a.id, userId: w.id, checkedInAt: start, checkedOutAt: end })).attendee.hours).toBe(2);
    expect((await v.ok('points', 'mine', {})).balance).toBe(20);
    const list = await secretary.ok('activities', 'attendance', { activityId: a.id });
    expect(list.attendees.map((x: { status: string }) => x.status)).toEqual(['checked_out', 'checked_out']);
    // A volunteer may not correct anyone.
    expect(err(await v.call('activities', 'correct', { activityId: a.id, userId: v.id, checkedOutAt: end }))?.code).toBe('FORBIDDEN');
  });
});
