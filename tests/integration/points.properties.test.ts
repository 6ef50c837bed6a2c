/**
 * The points books under any order of events (issue 12 item 3, "done when"): after a random sequence of
 * completions, confirmations, disputes, redemptions, refunds, hand-overs and days passing, every balance equals
 * the sum of its ledger entries (as the helper is told it, and as the kept account says), every confirmed service
 * has earned exactly once, no day's earnings pass the cap, and no shelf holds fewer than zero.
 */
import fc from 'fast-check';
import { repositoriesOf } from '../../cloudfunctions/_core/store/repositories';
import { startTestServer, wishInput, type Client, type TestServer } from './harness';

jest.setTimeout(600_000);

const CAP = 30;
const HELPERS = 3;
let server: TestServer;
let secretary: Client;
let resident: Client;
const helpers: Client[] = [];
const items: { id: string; stock: number }[] = [];

beforeAll(async () => {
  server = await startTestServer({ config: { rateLimitPerMinute: 1_000_000 } as never });
  secretary = await server.login('secretary');
  resident = await server.login('resident');
  await secretary.ok('org', 'updateSettings', {
    settings: { postsPerDay: 100, maxOpenTasksPerHelper: 50, pointsPerHour: 10, pointsDailyCap: CAP, pointsCategoryWeights: { repair: 2 } },
  });
  for (let i = 0; i < HELPERS; i++) {
    await server.db.collection('users').insertOne({
      _id: `u-prop-${i}`, devKey: `prop_${i}`, name: `志愿者${i}`,
      memberships: [{ communityId: 'com-taoyuan', townId: 'town-huayuan', roles: ['volunteer'] }], createdAt: new Date(),
    } as never);
    helpers.push(await server.login(`prop_${i}`));
  }
  for (const [name, cost, stock] of [['纸巾', 15, 2], ['食用油', 25, 3]] as const) {
    items.push({ id: (await secretary.ok('points', 'saveItem', { name, cost, stock })).item.id, stock });
  }
});
afterAll(() => server?.stop());

type Op =
  | { op: 'finish'; helper: number; hours: number; category: 'repair' | 'daily_help' }
  | { op: 'confirm' | 'dispute' | 'autoConfirm'; pick: number }
  | { op: 'redeem'; helper: number; item: number }
  | { op: 'refund' | 'fulfil'; pick: number }
  | { op: 'nextDay' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('finish' as const), helper: fc.nat(HELPERS - 1), hours: fc.constantFrom(0.5, 1, 1.5, 2, 3), category: fc.constantFrom('repair' as const, 'daily_help' as const) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('confirm' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('dispute' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('autoConfirm' as const), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('redeem' as const), helper: fc.nat(HELPERS - 1), item: fc.nat(1) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('refund' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('fulfil' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ op: 'nextDay' as const }) },
);

/** Wishes finished and waiting for the resident, with who finished them; pending redemptions with their holder. */
const done: { wishId: string; helper: number }[] = [];
const pending: { id: string; code: string; helper: number }[] = [];
const take = <T>(list: T[], pick: number): T | undefined => (list.length ? list.splice(pick % list.length, 1)[0] : undefined);

async function run(op: Op): Promise<void> {
  switch (op.op) {
    case 'finish': {
      const helper = helpers[op.helper];
      const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '随机心愿', category: op.category }));
      await secretary.ok('dispatch', 'approve', { wishId: wish.id });
      await helper.ok('tasks', 'claim', { wishId: wish.id });
      await helper.ok('tasks', 'start', { wishId: wish.id });
      await helper.ok('tasks', 'complete', { wishId: wish.id, note: '完成', hours: op.hours });
      done.push({ wishId: wish.id, helper: op.helper });
      return;
    }
    case 'confirm': {
      const w = take(done, op.pick);
      if (w) await resident.ok('wishes', 'confirm', { wishId: w.wishId });
      return;
    }
    case 'autoConfirm': {
      // Everything waiting is confirmed by the timer: days pass.
      server.clock.advanceHours(24 * 4);
      await server.anonymous().ok('cron', 'tick', {});
      done.length = 0;
      return;
    }
    case 'dispute': {
      const w = done[op.pick % Math.max(1, done.length)];
      if (!w) return;
      await resident.ok('wishes', 'dispute', { wishId: w.wishId, reason: '还没弄好' });
      await helpers[w.helper].ok('tasks', 'complete', { wishId: w.wishId, note: '重新做好了', hours: 1 });
      return;
    }
    case 'redeem': {
      const r = await helpers[op.helper].call('points', 'redeem', { itemId: items[op.item].id });
      if (r.body.ok) pending.push({ id: r.body.data.redemption.id, code: r.body.data.redemption.code, helper: op.helper });
      else expect(r.status).toBe(409); // sold out or not enough points, never anything else
      return;
    }
    case 'refund': {
      const p = take(pending, op.pick);
      if (p) await helpers[p.helper].ok('points', 'cancel', { redemptionId: p.id });
      return;
    }
    case 'fulfil': {
      const p = take(pending, op.pick);
      if (p) await secretary.ok('points', 'fulfil', { code: p.code });
      return;
    }
    case 'nextDay':
      server.clock.advanceHours(24);
  }
}

interface Entry { _id: string; userId: string; kind: string; amount: number; day?: string; sourceId: string }

async function checkBooks(): Promise<void> {
  const entries = await server.db.collection<Entry>('point_ledger').find({ communityId: 'com-taoyuan' }).toArray();
  // Every balance, as its holder is told and as kept, is the sum of its entries.
  for (let i = 0; i < HELPERS; i++) {
    const sum = entries.filter((e) => e.userId === `u-prop-${i}`).reduce((s, e) => s + e.amount, 0);
    expect((await helpers[i].ok('points', 'mine', {})).balance).toBe(sum);
  }
  expect((await secretary.ok('points', 'audit', {})).mismatches).toEqual([]);
  // Every confirmed service earned exactly once; nothing earned for a service that does not count.
  const confirmed = await server.db.collection<{ _id: string; userId: string }>('services').find({ communityId: 'com-taoyuan', confirmedAt: { $exists: true }, userId: /^u-prop-/ }).toArray();
  const earns = entries.filter((e) => e.kind === 'earn' && e.userId.startsWith('u-prop-'));
  expect(earns.map((e) => e.sourceId).sort()).toEqual(confirmed.map((s) => s._id).sort());
  // No helper's day passes the cap.
  const byDay = new Map<string, number>();
  for (const e of entries.filter((x) => x.kind === 'earn' || x.kind === 'reverse')) byDay.set(`${e.userId}:${e.day}`, (byDay.get(`${e.userId}:${e.day}`) ?? 0) + e.amount);
  for (const [key, sum] of byDay) if (key.startsWith('u-prop-')) expect(sum).toBeLessThanOrEqual(CAP);
  // No shelf below zero, and what left it is what was redeemed and not cancelled.
  for (const item of items) {
    const { stock } = (await server.db.collection<{ _id: string; stock: number }>('store_items').findOne({ _id: item.id }))!;
    expect(stock).toBeGreaterThanOrEqual(0);
    const out = await server.db.collection('redemptions').countDocuments({ itemId: item.id, status: { $ne: 'cancelled' } });
    expect(stock).toBe(item.stock - out);
  }
  // A spend is never more than was there: no balance is below zero.
  const accounts = await repositoriesOf(server.db).ledger.audit('com-taoyuan');
  expect(accounts.mismatches).toEqual([]);
}

test('any sequence of confirm / dispute / redeem / refund / hand-over keeps every balance equal to its ledger and no stock negative', async () => {
  let ops = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 25 }), async (sequence) => {
      for (const op of sequence) {
        await run(op);
        ops++;
        expect(await server.db.collection('store_items').countDocuments({ stock: { $lt: 0 } })).toBe(0);
      }
      await checkBooks();
    }),
    { numRuns: Number(process.env.POINTS_RUNS ?? 8), seed: Number(process.env.FUZZ_SEED ?? 20261206), endOnFailure: true },
  );
  console.log(`points properties: ${ops} operations`);
  const balances = await Promise.all(helpers.map(async (h) => (await h.ok('points', 'mine', {})).balance));
  expect(balances.every((b) => b >= 0)).toBe(true);
});
