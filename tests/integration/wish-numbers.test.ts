import { formatWishNumber, parseWishNumber, wishNumberYear } from '@shared';
import { numberOldWishes, WISH_NUMBERS_MARK } from '../../cloudfunctions/_core/store/migrateWishNumbers';
import { startTestServer, wishInput, type Client, type TestServer } from './harness';

/**
 * 心愿编号 (issue 16): every wish gets a number people can say on the phone, TY-2026-0123, from its community's
 * counter of the year, taken in the transaction that inserts it.
 */
let server: TestServer;
let resident: Client;
let secretary: Client;
beforeAll(async () => {
  server = await startTestServer();
  [resident, secretary] = await Promise.all([server.login('resident'), server.login('secretary')]);
  await secretary.ok('org', 'updateSettings', { settings: { postsPerDay: 100 } });
});
afterAll(() => server?.stop());

const year = () => wishNumberYear(server.clock.now());
const wishes = () => server.db.collection<{ _id: string; number?: string; communityId: string; createdAt: Date; title: string }>('wishes');
const counter = async (communityId: string, y = year()) => ((await server.db.collection('wish_counters').findOne({ _id: `${communityId}:${y}` as never })) as { seq?: number } | null)?.seq ?? 0;
const seqOf = (number: string) => parseWishNumber(number)!.seq;
const proxy = (title: string) => ({ ...wishInput({ title }), channel: 'phone', beneficiary: { name: '王奶奶', phone: '13900001111' } });

describe('a new wish gets its community’s next number of the year', () => {
  test('the demo’s wishes are numbered in the order they were posted, per community', async () => {
    // The seed plays its history through the real functions, one wish after another (ids follow the real clock).
    const seeded = await wishes().find({ communityId: 'com-taoyuan' }).sort({ _id: 1 }).toArray();
    expect(seeded.length).toBeGreaterThan(20);
    const byYear = new Map<number, number[]>();
    for (const w of seeded) {
      expect(w.number).toMatch(/^TY-\d{4}-\d{4}$/);
      const p = parseWishNumber(w.number!)!;
      expect(p.year).toBe(wishNumberYear(w.createdAt));
      byYear.set(p.year, [...(byYear.get(p.year) ?? []), p.seq]);
    }
    for (const seqs of byYear.values()) expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const szs = await wishes().find({ communityId: 'com-shizishan' }).sort({ createdAt: 1 }).toArray();
    expect(szs.map((w) => w.number!.slice(0, 4))).toEqual(szs.map(() => 'SZS-'));
  });

  test('a resident’s post and a staff entry each show their number on the wish and its detail', async () => {
    const before = await counter('com-taoyuan');
    const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '编号测试：居民发布' }));
    expect(wish.number).toBe(formatWishNumber('TY', year(), before + 1));
    const entered = await secretary.ok('dispatch', 'proxyCreate', proxy('编号测试：代录'));
    expect(entered.wish.number).toBe(formatWishNumber('TY', year(), before + 2));
    expect((await resident.ok('wishes', 'detail', { wishId: wish.id })).wish.number).toBe(wish.number);
    // The secretary hears of it with its number, to search or to say on the phone.
    const inbox = await secretary.ok('notify', 'inbox', { limit: 50 });
    expect(inbox.items.find((m: { wishId?: string }) => m.wishId === wish.id)?.body).toContain(`「编号测试：居民发布」（${wish.number}）`);
  });

  test('twelve wishes posted at the same moment get twelve different, consecutive numbers', async () => {
    const before = await counter('com-taoyuan');
    const people = await Promise.all(['resident', 'resident2', 'volunteer', 'volunteer2', 'party_member', 'elder'].map((k) => server.login(k)));
    const replies = await Promise.all([
      ...people.map((p, i) => p.ok('wishes', 'create', wishInput({ title: `同时发布的心愿${i}` }))),
      ...Array.from({ length: 6 }, (_, i) => secretary.ok('dispatch', 'proxyCreate', proxy(`同时代录的心愿${i}`))),
    ]);
    const seqs = replies.map((r) => seqOf(r.wish.number)).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 12 }, (_, i) => before + 1 + i));
    expect(await counter('com-taoyuan')).toBe(before + 12);
  });

  test('numbers are per community: another community’s post does not move 桃源’s counter', async () => {
    const taoyuan = await counter('com-taoyuan');
    const szs = await counter('com-shizishan');
    const { wish } = await (await server.login('resident_bh')).ok('wishes', 'create', {
      ...wishInput({ title: '狮子山的心愿' }), location: { type: 'Point', coordinates: [110.1128, 32.8104] }, buildingId: 'bld-xcy-1', address: '香城苑1号楼',
    });
    expect(wish.number).toBe(formatWishNumber('SZS', year(), szs + 1));
    expect(await counter('com-taoyuan')).toBe(taoyuan);
  });

  test('a creation that fails inside its transaction leaves a gap, never a number used twice: the next post takes the one after', async () => {
    const before = await counter('com-taoyuan');
    // The wish's insert fails (not a transient error: no retry). The number was taken outside the transaction, so a
    // gateway dying mid-creation never holds the community's counter (crash.test.ts).
    await server.db.admin().command({ configureFailPoint: 'failCommand', mode: { times: 1 }, data: { failCommands: ['insert'], errorCode: 2 } });
    const failed = await secretary.call('dispatch', 'proxyCreate', proxy('写入失败的代录'));
    await server.db.admin().command({ configureFailPoint: 'failCommand', mode: 'off' });
    expect(failed.body.ok).toBe(false);
    expect(await wishes().countDocuments({ title: '写入失败的代录' })).toBe(0);
    expect(await counter('com-taoyuan')).toBe(before + 1);
    const { wish } = await secretary.ok('dispatch', 'proxyCreate', proxy('失败之后的代录'));
    expect(seqOf(wish.number)).toBe(before + 2);
    expect(await wishes().countDocuments({ communityId: 'com-taoyuan', number: wish.number })).toBe(1);
  });
});

describe('staff open a wish by the number a resident reads out', () => {
  test('typed in any case, with spaces or full-width dashes and the zeros left out', async () => {
    const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '电话里报编号的心愿' }));
    const p = parseWishNumber(wish.number)!;
    for (const typed of [wish.number, wish.number.toLowerCase(), `TY－${p.year}－${p.seq}`, ` ty ${p.year} ${p.seq} `]) {
      expect((await secretary.ok('dispatch', 'lookup', { number: typed })).wish.id).toBe(wish.id);
    }
    const town = await server.login('town_admin');
    expect((await town.ok('dispatch', 'lookup', { number: wish.number })).wish.id).toBe(wish.id);
  });

  test('not a number, no such wish, or a wish beyond the caller’s reach: a clear refusal', async () => {
    const bad = await secretary.call('dispatch', 'lookup', { number: '桃源123' });
    expect(bad.body.ok || bad.body.error.code).toBe('VALIDATION_FAILED');
    const none = await secretary.call('dispatch', 'lookup', { number: `TY-${year()}-9999` });
    expect(none.body.ok || none.body.error.code).toBe('NOT_FOUND');
    // 狮子山's secretary cannot reach 桃源's wishes by number.
    const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '别的社区查不到' }));
    const other = await (await server.login('secretary2')).call('dispatch', 'lookup', { number: wish.number });
    expect(other.body.ok || other.body.error.code).toBe('NOT_FOUND');
    // Residents do not look wishes up by number.
    const resident2 = await (await server.login('resident2')).call('dispatch', 'lookup', { number: wish.number });
    expect(resident2.body.ok || resident2.body.error.code).toBe('FORBIDDEN');
  });
});

describe('wishes stored before numbers are numbered once, at start', () => {
  test('in creation order after those already numbered, and a second run changes nothing', async () => {
    const base = (await wishes().findOne({ communityId: 'com-taoyuan' }))!;
    const before = await counter('com-taoyuan');
    const t = server.clock.now().getTime();
    // Three old wishes, stored out of their creation order, without numbers.
    const old = [2, 0, 1].map((k) => ({ ...base, _id: `ffffffffffffffffffff${String(k).padStart(4, '0')}`, title: `旧心愿${k}`, createdAt: new Date(t - (10 - k) * 60_000) }));
    for (const o of old) delete (o as { number?: string }).number;
    await wishes().insertMany(old);
    await server.db.collection('meta').deleteOne({ _id: WISH_NUMBERS_MARK as never });

    expect(await numberOldWishes(server.db)).toBe(3);
    const numbered = await wishes().find({ title: { $in: ['旧心愿0', '旧心愿1', '旧心愿2'] } }).sort({ createdAt: 1 }).toArray();
    expect(numbered.map((w) => [w.title, w.number])).toEqual([0, 1, 2].map((k) => [`旧心愿${k}`, formatWishNumber('TY', year(), before + 1 + k)]));
    expect(await counter('com-taoyuan')).toBe(before + 3);

    // Done: the mark makes a later start one read; and without it, nobody is numbered twice.
    expect(await numberOldWishes(server.db)).toBe(0);
    await server.db.collection('meta').deleteOne({ _id: WISH_NUMBERS_MARK as never });
    expect(await numberOldWishes(server.db)).toBe(0);
    expect(await counter('com-taoyuan')).toBe(before + 3);
    const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '迁移之后的心愿' }));
    expect(seqOf(wish.number)).toBe(before + 4);
  });
});

describe('a new year starts again at 0001', () => {
  test('the first wish posted after China’s new year', async () => {
    const now = server.clock.now();
    const next = new Date(`${year() + 1}-01-01T00:30:00+08:00`);
    server.clock.advanceHours((next.getTime() - now.getTime()) / 3_600_000);
    const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '新年第一个心愿' }));
    expect(wish.number).toBe(formatWishNumber('TY', year(), 1));
  });
});
