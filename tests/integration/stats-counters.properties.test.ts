/**
 * The kept statistics under any order of events (issue 12, "done when"): after a long random sequence of postings,
 * approvals, claims, releases, lease expiries, completions, disputes, re-claims, confirmations (the resident's and
 * the timer's), cancellations and ratings, with hours and days passing between them, every kept counter equals its
 * recomputation from the events, and a window that starts and ends inside a day reads the same numbers as the
 * events give for it.
 */
import fc from 'fast-check';
import { serviceFacts, tallyFacts, wishFacts, countOf, roundCount, type StatField } from '@shared';
import { rebuildCounters } from '../../cloudfunctions/_core/stats/rebuild';
import { repositoriesOf } from '../../cloudfunctions/_core/store/repositories';
import { startTestServer, wishInput, type Client, type TestServer } from './harness';

jest.setTimeout(900_000);

const HELPERS = 3;
const COMMUNITY = 'com-taoyuan';
let server: TestServer;
let secretary: Client;
let resident: Client;
const helpers: Client[] = [];

beforeAll(async () => {
  server = await startTestServer({ config: { rateLimitPerMinute: 1_000_000 } as never });
  secretary = await server.login('secretary');
  resident = await server.login('resident');
  await secretary.ok('org', 'updateSettings', { settings: { postsPerDay: 100, maxOpenTasksPerHelper: 50 } });
  for (let i = 0; i < HELPERS; i++) {
    await server.db.collection('users').insertOne({
      _id: `u-stat-${i}`, devKey: `stat_${i}`, name: `统计志愿者${i}`,
      memberships: [{ communityId: COMMUNITY, townId: 'town-huayuan', roles: ['volunteer'] }], createdAt: new Date(),
    } as never);
    helpers.push(await server.login(`stat_${i}`));
  }
});
afterAll(() => server?.stop());

type Op =
  | { op: 'post'; places: 1 | 2; category: 'repair' | 'daily_help' | 'companionship' }
  | { op: 'approve' | 'cancel' | 'confirm' | 'dispute' | 'rate'; pick: number }
  | { op: 'claim' | 'release' | 'finish'; pick: number; helper: number }
  | { op: 'expire' | 'autoConfirm' }
  | { op: 'wait'; hours: number };

const pick = fc.nat();
const helper = fc.nat(HELPERS - 1);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('post' as const), places: fc.constantFrom(1 as const, 2 as const), category: fc.constantFrom('repair' as const, 'daily_help' as const, 'companionship' as const) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('approve' as const), pick }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('claim' as const), pick, helper }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('release' as const), pick, helper }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('finish' as const), pick, helper }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('dispute' as const), pick }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('confirm' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('cancel' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('rate' as const), pick }) },
  { weight: 1, arbitrary: fc.constant({ op: 'expire' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'autoConfirm' as const }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('wait' as const), hours: fc.integer({ min: 1, max: 30 }) }) },
);

/** The wishes this run posted. */
const posted: string[] = [];
interface Stored { _id: string; status: string; claims: { claimerId: string; startedAt?: Date; completedAt?: Date }[]; rating?: unknown }
const wishesIn = async (states: string[]) =>
  server.db.collection<Stored>('wishes').find({ _id: { $in: posted }, status: { $in: states } }).sort({ _id: 1 }).toArray();
const chosen = <T>(list: T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);

/** Runs a step as people would; a refusal (a race lost to the rules, a place taken) changes nothing and is fine. */
async function run(op: Op): Promise<void> {
  switch (op.op) {
    case 'post': {
      const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '随机心愿', category: op.category, helpersNeeded: op.places }));
      posted.push(wish.id);
      return;
    }
    case 'approve': {
      const w = chosen(await wishesIn(['pending_review']), op.pick);
      if (w) await secretary.ok('dispatch', 'approve', { wishId: w._id });
      return;
    }
    case 'claim': {
      const w = chosen(await wishesIn(['open']), op.pick);
      if (w) await helpers[op.helper].call('tasks', 'claim', { wishId: w._id }, `claim-${w._id}-${op.helper}-${Date.now()}`);
      return;
    }
    case 'release': {
      const mine = (await wishesIn(['open', 'claimed', 'in_progress'])).filter((w) => w.claims.some((c) => c.claimerId === `u-stat-${op.helper}` && !c.startedAt));
      const w = chosen(mine, op.pick);
      if (w) await helpers[op.helper].ok('tasks', 'release', { wishId: w._id });
      return;
    }
    case 'finish': {
      const mine = (await wishesIn(['open', 'claimed', 'in_progress'])).filter((w) => w.claims.some((c) => c.claimerId === `u-stat-${op.helper}` && !c.completedAt));
      const w = chosen(mine, op.pick);
      if (!w) return;
      const h = helpers[op.helper];
      if (!w.claims.find((c) => c.claimerId === `u-stat-${op.helper}`)!.startedAt) await h.ok('tasks', 'start', { wishId: w._id });
      await h.call('tasks', 'complete', { wishId: w._id, note: '完成', hours: 1 + (op.pick % 4) / 2 }, `complete-${w._id}-${op.helper}-${Date.now()}`);
      return;
    }
    case 'dispute': {
      const w = chosen(await wishesIn(['done']), op.pick);
      if (w) await resident.ok('wishes', 'dispute', { wishId: w._id, reason: '还没弄好' });
      return;
    }
    case 'confirm': {
      const w = chosen(await wishesIn(['done']), op.pick);
      if (w) await resident.call('wishes', 'confirm', { wishId: w._id }, `confirm-${w._id}`);
      return;
    }
    case 'cancel': {
      const w = chosen(await wishesIn(['pending_review', 'open', 'assigned', 'claimed']), op.pick);
      if (w) await resident.call('wishes', 'cancel', { wishId: w._id, reason: '不需要了' });
      return;
    }
    case 'rate': {
      const w = chosen((await wishesIn(['confirmed'])).filter((x) => !x.rating), op.pick);
      if (w) await resident.ok('wishes', 'rate', { wishId: w._id, stars: 1 + (op.pick % 5) });
      return;
    }
    case 'expire':
      // Every lease not yet started runs out.
      server.clock.advanceHours(25);
      await server.tick({ at: server.clock.now(), jobs: ['leases'] });
      return;
    case 'autoConfirm':
      server.clock.advanceHours(24 * 4);
      await server.tick({ at: server.clock.now(), jobs: ['autoConfirm'] });
      return;
    case 'wait':
      server.clock.advanceHours(op.hours);
  }
}

const FIELDS: StatField[] = ['collected', 'approved', 'claimed', 'completed', 'confirmed', 'rated', 'ratingSum', 'services', 'hours'];

/** The community's numbers over a window, straight from the events: what the overview must equal. */
async function fromEvents(from: Date, to: Date): Promise<Record<string, number>> {
  const repos = repositoriesOf(server.db);
  const facts = [];
  for await (const page of repos.wishes.allCounted()) facts.push(...page.flatMap(wishFacts));
  for await (const page of repos.services.allConfirmed()) facts.push(...page.flatMap(serviceFacts));
  const t = tallyFacts(facts.filter((f) => f.communityId === COMMUNITY && f.at >= from && f.at < to));
  return Object.fromEntries(FIELDS.map((f) => [f, roundCount(countOf(t, 'all', '_', f))]));
}

test('any sequence of lifecycle events keeps every counter equal to its recomputation from the events', async () => {
  let ops = 0;
  const runs = Number(process.env.STATS_RUNS ?? 6);
  const started = server.clock.now();
  await fc.assert(
    fc.asyncProperty(fc.array(opArb, { minLength: 20, maxLength: 60 }), fc.nat(1000), async (sequence, cut) => {
      for (const op of sequence) {
        await run(op);
        ops++;
      }
      const report = await rebuildCounters(repositoriesOf(server.db));
      expect(report.differences).toEqual([]);
      // A window from some minute of the run to a minute from now, its ends inside days: the counters' whole days
      // and the events' parts of days add up to what the events say.
      const now = server.clock.now();
      const from = new Date(started.getTime() + ((now.getTime() - started.getTime()) * cut) / 1000 + 7 * 60_000);
      const to = new Date(now.getTime() + 60_000);
      const overview = await secretary.ok('stats', 'overview', { from: from.toISOString(), to: to.toISOString() });
      const want = await fromEvents(from, to);
      expect({ ...overview, serviceHours: roundCount(overview.serviceHours) }).toMatchObject({
        collected: want.collected, approved: want.approved, claimed: want.claimed, completed: want.completed, confirmed: want.confirmed,
        serviceCount: want.services, serviceHours: Math.round(want.hours * 10) / 10, ratedCount: want.rated,
      });
    }),
    { numRuns: runs, seed: Number(process.env.FUZZ_SEED ?? 20261206), endOnFailure: true },
  );
  console.log(`stats counters property: ${ops} operations over ${posted.length} wishes`);
  expect(ops).toBeGreaterThanOrEqual(20 * runs);
});
