/**
 * The 时间银行 books under any order of events (issue 12, "done when"): after a random sequence of services done and
 * confirmed (by the resident or the timer) or disputed, wishes paid by hours posted (some racing for the same hours),
 * cancelled, rejected and resubmitted, and hours given between family members, every balance equals the sum of its
 * ledger (as its holder is told it and as the kept account says), none is below zero, every confirmed service was
 * deposited exactly once, and every hold of a wish that is over was charged or released.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { heldHours } from '@shared';
import { startTestServer, wishInput, type Client, type TestServer } from './harness';

jest.setTimeout(600_000);

let server: TestServer;
let secretary: Client;
let secretaryHy: Client;
/** 0 and 1 live in 桃源社区, 2 in 花园街社区 (the same town); 0–1 and 1–2 are family, 0–2 are not. */
const people: (Client & { id: string; place: 'taoyuan' | 'huayuanjie' })[] = [];
const LOCATION = { taoyuan: [113.9951, 31.2527], huayuanjie: [113.9872, 31.2561] } as const;

beforeAll(async () => {
  server = await startTestServer({ config: { rateLimitPerMinute: 1_000_000 } as never });
  secretary = await server.login('secretary');
  secretaryHy = await server.login('secretary_hy');
  for (const s of [secretary, secretaryHy]) await s.ok('org', 'updateSettings', { settings: { postsPerDay: 100, maxOpenTasksPerHelper: 50 } });
  const places = ['taoyuan', 'taoyuan', 'huayuanjie'] as const;
  for (let i = 0; i < places.length; i++) {
    const communityId = places[i] === 'taoyuan' ? 'com-taoyuan' : 'com-huayuanjie';
    await server.db.collection('users').insertOne({
      _id: `u-tbp-${i}`, devKey: `tbp_${i}`, name: `居民${i}`, phone: `1660000000${i}`,
      memberships: [{ communityId, townId: 'town-huayuan', roles: ['resident', 'volunteer'] }], createdAt: new Date(),
    } as never);
    people.push(Object.assign(await server.login(`tbp_${i}`), { id: `u-tbp-${i}`, place: places[i] }));
  }
  for (const [a, b] of [[0, 1], [1, 2]]) {
    const { link } = await people[a].ok('timebank', 'askFamily', { phone: `1660000000${b}`, relation: 'sibling' });
    await people[b].ok('timebank', 'answerFamily', { linkId: link.id, accept: true });
  }
});
afterAll(() => server?.stop());

const P = 3;
type Op =
  | { op: 'serve'; owner: number; helper: number; hours: number }
  | { op: 'confirm' | 'dispute' | 'autoConfirm' | 'cancel' | 'reject' | 'resubmit' | 'approve'; pick: number }
  | { op: 'post'; payer: number; hours: number; forFamily: boolean }
  | { op: 'race'; payer: number; hours: number }
  | { op: 'transfer'; from: number; to: number; hours: number };

const hoursArb = fc.constantFrom(0.5, 1, 1.5, 2, 3);
const who = fc.nat(P - 1);
const pick = (op: 'confirm' | 'dispute' | 'autoConfirm' | 'cancel' | 'reject' | 'resubmit' | 'approve') => fc.record({ op: fc.constant(op), pick: fc.nat() });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('serve' as const), owner: fc.nat(1), helper: fc.nat(1), hours: hoursArb }) },
  { weight: 3, arbitrary: pick('confirm') },
  { weight: 1, arbitrary: pick('dispute') },
  { weight: 1, arbitrary: pick('autoConfirm') },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('post' as const), payer: who, hours: hoursArb, forFamily: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('race' as const), payer: who, hours: hoursArb }) },
  { weight: 2, arbitrary: pick('approve') },
  { weight: 2, arbitrary: pick('cancel') },
  { weight: 2, arbitrary: pick('reject') },
  { weight: 1, arbitrary: pick('resubmit') },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('transfer' as const), from: who, to: who, hours: hoursArb }) },
);

/** Wishes waiting for their resident (with their owner and helper); wishes paid by hours by state. */
const done: { wishId: string; owner: number; helper: number }[] = [];
/** A wish paid by hours: who paid, and for whom when it is a family member's. */
type Paid = { wishId: string; payer: number; forWhom?: number };
const paid = { pending: [] as Paid[], open: [] as Paid[], rejected: [] as Paid[] };
const take = <T>(list: T[], n: number): T | undefined => (list.length ? list.splice(n % list.length, 1)[0] : undefined);
const staffOf = (i: number) => (people[i].place === 'taoyuan' ? secretary : secretaryHy);
const family = (i: number) => (i === 1 ? 0 : 1);
const refusedAs = (r: { status: number; body: { ok: boolean } }, ...codes: string[]) => {
  if (r.body.ok) return false;
  expect(codes).toContain((r.body as unknown as { error: { code: string } }).error.code);
  return true;
};

/** A wish of `owner` finished by `helper` (both of 桃源社区), waiting for the resident. */
async function serve(owner: number, helper: number, hours: number, paidHours?: number): Promise<string | undefined> {
  const o = people[owner];
  const h = people[helper === owner ? 1 - owner : helper];
  const created = await o.call('wishes', 'create', wishInput({ title: '随机心愿', ...(paidHours ? { paidHours } : {}) }));
  if (refusedAs(created, 'INSUFFICIENT_HOURS')) return undefined;
  const wishId = created.body.ok ? (created.body.data as { wish: { id: string } }).wish.id : '';
  await secretary.ok('dispatch', 'approve', { wishId });
  await h.ok('tasks', 'claim', { wishId });
  await h.ok('tasks', 'start', { wishId });
  await h.ok('tasks', 'complete', { wishId, note: '完成', hours });
  done.push({ wishId, owner, helper: people.indexOf(h) });
  return wishId;
}

async function run(op: Op): Promise<void> {
  switch (op.op) {
    case 'serve':
      await serve(op.owner, op.helper, op.hours);
      return;
    case 'confirm': {
      const w = take(done, op.pick);
      if (w) await people[w.owner].ok('wishes', 'confirm', { wishId: w.wishId });
      return;
    }
    case 'autoConfirm':
      server.clock.advanceHours(24 * 4);
      await server.anonymous().ok('cron', 'tick', {});
      done.length = 0;
      return;
    case 'dispute': {
      const w = done[op.pick % Math.max(1, done.length)];
      if (!w) return;
      await people[w.owner].ok('wishes', 'dispute', { wishId: w.wishId, reason: '还没弄好' });
      await people[w.helper].ok('tasks', 'complete', { wishId: w.wishId, note: '重新做好了', hours: 1 });
      return;
    }
    case 'post': {
      const p = people[op.payer];
      const input = { ...wishInput({ title: '用时间支付', paidHours: op.hours, ...(op.forFamily ? { forFamilyId: people[family(op.payer)].id } : {}) }), location: { type: 'Point', coordinates: LOCATION[p.place] } };
      if (p.place !== 'taoyuan') delete (input as { buildingId?: string }).buildingId;
      const r = await p.call('wishes', 'create', input);
      if (!refusedAs(r, 'INSUFFICIENT_HOURS')) {
        paid.pending.push({ wishId: (r.body as { data: { wish: { id: string } } }).data.wish.id, payer: op.payer, ...(op.forFamily ? { forWhom: family(op.payer) } : {}) });
      }
      return;
    }
    case 'race': {
      const p = people[op.payer];
      const input = () => {
        const i = { ...wishInput({ title: '同时发布', paidHours: op.hours }), location: { type: 'Point', coordinates: LOCATION[p.place] } };
        if (p.place !== 'taoyuan') delete (i as { buildingId?: string }).buildingId;
        return i;
      };
      const replies = await Promise.all([p.call('wishes', 'create', input(), randomUUID()), p.call('wishes', 'create', input())]);
      for (const r of replies) if (!refusedAs(r, 'INSUFFICIENT_HOURS')) paid.pending.push({ wishId: (r.body as { data: { wish: { id: string } } }).data.wish.id, payer: op.payer });
      return;
    }
    case 'approve': {
      // A paid wish of 桃源社区 is approved and done by the other person there: its hold is charged when confirmed.
      const w = take(paid.pending, op.pick);
      if (!w) return;
      if (people[w.payer].place !== 'taoyuan') return void paid.pending.push(w);
      // Nobody serves a wish they are helped by: one posted for the other person of 桃源社区 has no helper here.
      if (w.forWhom === 1 - w.payer) return void paid.pending.push(w);
      const helper = people[1 - w.payer];
      await secretary.ok('dispatch', 'approve', { wishId: w.wishId });
      await helper.ok('tasks', 'claim', { wishId: w.wishId });
      await helper.ok('tasks', 'start', { wishId: w.wishId });
      await helper.ok('tasks', 'complete', { wishId: w.wishId, note: '完成', hours: 1 });
      done.push({ wishId: w.wishId, owner: w.payer, helper: 1 - w.payer });
      return;
    }
    case 'cancel': {
      const w = take(paid.pending, op.pick);
      if (w) await people[w.payer].ok('wishes', 'cancel', { wishId: w.wishId, reason: '不需要了' });
      return;
    }
    case 'reject': {
      const w = take(paid.pending, op.pick);
      if (!w) return;
      await staffOf(w.payer).ok('dispatch', 'reject', { wishId: w.wishId, reason: '请补充说明' });
      paid.rejected.push(w);
      return;
    }
    case 'resubmit': {
      const w = take(paid.rejected, op.pick);
      if (!w) return;
      const r = await people[w.payer].call('wishes', 'resubmit', { wishId: w.wishId, description: '补充说明：需要有人上门帮忙看一看。' });
      if (refusedAs(r, 'INSUFFICIENT_HOURS')) paid.rejected.push(w);
      else paid.pending.push(w);
      return;
    }
    case 'transfer': {
      const r = await people[op.from].call('timebank', 'transfer', { toUserId: people[op.to].id, hours: op.hours });
      // Short of hours, or not family (0 and 2, or oneself): refused, never anything else.
      refusedAs(r, 'INSUFFICIENT_HOURS', 'VALIDATION_FAILED');
    }
  }
}

interface Entry { _id: string; userId: string; kind: string; hours: number; sourceId: string; holdId?: string }

async function checkBooks(): Promise<void> {
  const entries = await server.db.collection<Entry>('time_ledger').find({ townId: 'town-huayuan' }).toArray();
  for (let i = 0; i < people.length; i++) {
    const mineEntries = entries.filter((e) => e.userId === people[i].id);
    const sum = mineEntries.reduce((s, e) => s + e.hours, 0);
    const mine = await people[i].ok('timebank', 'mine', {});
    expect(mine.balance).toBe(sum);
    expect(mine.balance).toBeGreaterThanOrEqual(0);
    expect(mine.held).toBe(heldHours(mineEntries.map((e) => ({ ...e, id: e._id }) as never)));
  }
  const audit = await secretary.ok('timebank', 'audit', {});
  expect(audit.mismatches).toEqual([]);
  expect(audit.openHoldsOnSettledWishes).toEqual([]);
  expect(await server.db.collection('time_accounts').countDocuments({ hours: { $lt: 0 } })).toBe(0);
  // Every confirmed service of these people was deposited exactly once, and nothing else was.
  const confirmed = await server.db.collection<{ _id: string }>('services').find({ confirmedAt: { $exists: true }, userId: /^u-tbp-/ }).toArray();
  const deposits = entries.filter((e) => e.kind === 'deposit' && e.userId.startsWith('u-tbp-'));
  expect(deposits.map((e) => e.sourceId).sort()).toEqual(confirmed.map((s) => s._id).sort());
}

test('any sequence of service, paid wishes, cancels, rejections, races and transfers keeps every balance the sum of its ledger, never below zero', async () => {
  let ops = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 25 }), async (sequence) => {
      // A day between runs: nobody reaches the community's daily posting limit.
      server.clock.advanceHours(24);
      for (const op of sequence) {
        await run(op);
        ops++;
      }
      await checkBooks();
    }),
    { numRuns: Number(process.env.TIMEBANK_RUNS ?? 8), seed: Number(process.env.FUZZ_SEED ?? 20261206), endOnFailure: true },
  );
  console.log(`timebank properties: ${ops} operations`);
});
