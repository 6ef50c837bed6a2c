/**
 * The authorization and visibility matrix (issue 11, "make the probes permanent"), generated:
 * every action of the registry that takes a wish × every person who can stand to it (owner, the family member it was posted for,
 * claimer, assignee, unit admin and member, volunteer, neighbour, staff and grid worker of this
 * community, staff of the other, town admin of this town and of the other, nobody signed in)
 * × every wish state × two shapes (plain, anonymous by unit) × both seeded communities. Each
 * call must get exactly what the rules say (oracle.ts) and no reply may carry what its reader
 * may not see (leaks.ts). Then every other action of the registry, for the same people: the
 * router's roles decide who is refused, and the reads are checked for leaks.
 *
 * Fixtures are made once, through the real functions: one wish per state and shape that only
 * refusals are tried on (a refusal changes nothing, checked by fingerprint), and a fresh one
 * for every call the rules allow to write.
 */
import { Categories, Relations, WishStates, actorOf, httpStatusOf, isWriteAction, relationsOf, settingsOf, type CommunitySettings, type ErrorCode, type Relation } from '@shared';
import { startTestServer, type Client, type Reply, type TestServer } from '../harness';
import { castMembers, COMMUNITIES, COMMUNITY_KEYS, devKeyOf, insertCast, otherCommunity, type CastKey, type CastMember, type CommunityKey } from './cast';
import { fingerprint } from './fingerprint';
import { MATRIX_SERVER_CONFIG, fixtureKeys, inPool, keyName, makeWish, type FixtureKey } from './fixtures';
import { leaksIn, loadWorld, phonesOutsidePolicies, refreshWish, type World } from './leaks';
import { ALL_ACTIONS, TARGET_FIELDS, WISH_ACTIONS, expectedOutcome, handlerOf, routerOutcome, schemaOf, shapeOf, type Outcome, type Person } from './oracle';
import { domainOf } from '../../../cloudfunctions/_core/store/stored';
import type { WishDoc } from '../../../cloudfunctions/_core/store/types';

// Nearly 10,000 calls: about a minute of CPU, several minutes of wall time on a busy 2-core machine.
jest.setTimeout(900_000);

let server: TestServer;
let world: World;
const cast = castMembers();
const clients = new Map<string, Client>();
const persons = new Map<string, Person>();
const settings = new Map<string, CommunitySettings>();
const counts = { wishCalls: 0, otherCalls: 0, fixtureWishes: 0 };
const keys = fixtureKeys(COMMUNITY_KEYS);
/** One wish per community × shape × state that only refusals are tried on. */
const templates = new Map<string, string>();

const member = (c: CommunityKey, k: CastKey) => cast.find((m) => m.community === c && m.cast === k)!;
const clientOf = (c: CommunityKey, k: CastKey) => clients.get(devKeyOf(c, k))!;

/** The columns for a wish of community `c`: its own cast, the other community's staff and town, and nobody. */
interface Column {
  name: string;
  member: CastMember | null;
}
function columnsFor(c: CommunityKey): Column[] {
  const own = cast.filter((m) => m.community === c).map((m) => ({ name: m.cast, member: m as CastMember | null }));
  const o = otherCommunity(c);
  return [...own, { name: 'staff_other', member: member(o, 'secretary') }, { name: 'town_other', member: member(o, 'town') }, { name: 'unauthenticated', member: null }];
}

/**
 * A valid input for `fn.action` built from its schema: each required field from the values
 * below (a field with no value here fails loudly, so a new one is noticed), optional ones only
 * when the schema needs one of them (an edit must change something).
 */
function inputFor(fn: string, action: string, wish: { id: string; communityId: string }, badTarget = false): Record<string, unknown> {
  const c = COMMUNITY_KEYS.find((k) => COMMUNITIES[k].communityId === wish.communityId)!;
  const values: Record<string, unknown> = {
    wishId: wish.id,
    reason: '情况有变化',
    note: '已经上门看过了',
    // 整理语音: what staff typed out of the voice note.
    description: '老人说家里水龙头一直滴水，下午在家',
    stars: 5,
    toUserId: member(c, 'unit_member').userId,
    assignTo: { kind: 'user', id: member(c, 'volunteer').userId },
    // 督办: a community and a (county-level) unit of the wish's own town.
    toCommunityId: COMMUNITIES[c].siblingId,
    unitId: COMMUNITIES[c].unitId,
  };
  const shape = shapeOf(fn, action);
  const input: Record<string, unknown> = {};
  for (const [k, s] of Object.entries(shape)) {
    if (s.safeParse(undefined).success) continue;
    if (!(k in values)) throw new Error(`${fn}.${action}: no matrix value for required field ${k}`);
    input[k] = values[k];
  }
  if (!schemaOf(fn, action).safeParse(input).success) input.title = '标题改得更清楚些';
  if (badTarget) {
    const resident = member(c, 'neighbour').userId;
    if ('assignTo' in shape) input.assignTo = { kind: 'user', id: resident };
    if ('toUserId' in shape) input.toUserId = resident;
  }
  expect(schemaOf(fn, action).safeParse(input).success).toBe(true);
  return input;
}

function describeReply(r: Reply): string {
  return r.body.ok ? `${r.status} ok` : `${r.status} ${r.body.error.code} ${r.body.error.message}`;
}

function outcomeOf(r: Reply): Outcome {
  return r.body.ok ? 'OK' : (r.body.error.code as ErrorCode);
}

const statusOf = (o: Outcome) => (o === 'OK' ? 200 : httpStatusOf(o));

beforeAll(async () => {
  const t0 = process.cpuUsage();
  server = await startTestServer({ config: MATRIX_SERVER_CONFIG as never });
  await insertCast(server.db, cast, new Date());
  for (const m of cast) clients.set(m.key, await server.login(m.key));
  for (const c of COMMUNITY_KEYS) await clientOf(c, 'secretary').ok('org', 'updateSettings', { settings: { postsPerDay: 100, maxOpenTasksPerHelper: 50 } });
  // Someone on duty at every hour (any time, urgent alerts on) in each community, so the lists of people staff can phone (org.onDuty) have phones in them.
  for (const c of COMMUNITY_KEYS) await clientOf(c, 'volunteer').ok('org', 'setDuty', { slots: [], urgentAlerts: true });
  for (const u of await server.db.collection<{ _id: string; memberships: Person['memberships']; actingCommunityId?: string }>('users').find({}).toArray()) {
    persons.set(u._id, { id: u._id, memberships: u.memberships, roles: [...new Set(u.memberships.flatMap((m) => m.roles))], actingCommunityId: u.actingCommunityId });
  }
  for (const c of await server.db.collection<{ _id: string; settings?: Partial<CommunitySettings> }>('communities').find({}).toArray()) {
    settings.set(c._id, settingsOf(c.settings));
  }
  await inPool(keys, 6, async (k) => templates.set(keyName(k), await makeWish(k, clientOf)));
  const cpu = process.cpuUsage(t0);
  console.log(`matrix: cast and ${templates.size} template wishes ready in ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU`);
});
afterAll(() => server?.stop());

const personOf = (m: CastMember | null) => (m ? persons.get(m.userId)! : null);

/**
 * Signs everyone in afresh: an access token lasts 15 minutes (ACCESS_TOKEN_TTL_SECONDS), and on a busy machine one
 * phase of the matrix can take longer; a TOKEN_EXPIRED would be about the clock, not about the rules.
 */
async function freshSignIns(): Promise<void> {
  for (const m of cast) clients.set(m.key, await server.login(m.key));
}

async function loadWish(id: string) {
  return domainOf((await server.db.collection<WishDoc>('wishes').findOne({ _id: id }))!);
}

interface Cell {
  fn: string;
  action: string;
  /** Names a resident as the one to do the work: nobody may be given it, and nobody unentitled may learn so. */
  badTarget?: boolean;
  key: FixtureKey;
  column: Column;
  expected: Outcome;
  to?: string;
}

test('every wish action × person × state × shape × community gets what the rules say, and sees only what it may', async () => {
  const t0 = process.cpuUsage();
  const started = Date.now();

  // Plan: the rules' answer for each cell, on the template wish of its key.
  const cells: Cell[] = [];
  const held = new Set<Relation>();
  const now = server.clock.now();
  for (const { fn, action } of WISH_ACTIONS) {
    for (const key of keys) {
      const wish = await loadWish(templates.get(keyName(key))!);
      for (const column of columnsFor(key.community)) {
        const person = personOf(column.member);
        if (person) for (const r of relationsOf(actorOf(person, wish.communityId, wish.townId), wish)) held.add(r);
        const input = inputFor(fn, action, wish);
        const { outcome, to } = expectedOutcome(fn, action, personOf(column.member), wish, input, now, settings.get(wish.communityId)!);
        cells.push({ fn, action, key, column, expected: outcome, to });
        if (TARGET_FIELDS.some((f) => f in shapeOf(fn, action))) {
          const bad = expectedOutcome(fn, action, personOf(column.member), wish, inputFor(fn, action, wish, true), now, settings.get(wish.communityId)!, true);
          cells.push({ fn, action, key, column, expected: bad.outcome, badTarget: true });
        }
      }
    }
  }
  // Every way a person can stand to a wish (lifecycle `Relations`, the family member a wish was posted for too) is
  // someone's to some template, so every row of the table is tried by those it names.
  expect(Relations.filter((r) => r !== 'system' && !held.has(r))).toEqual([]);
  // A call the rules let write gets a wish of its own, made the same way (of the same category: the story rules look at it).
  const writes = cells.filter((c) => c.expected === 'OK' && isWriteAction(c.fn, c.action));
  const fresh = await inPool(writes, 6, async (c) => makeWish(c.key, clientOf, (await loadWish(templates.get(keyName(c.key))!)).category));
  counts.fixtureWishes = templates.size + fresh.length;
  world = await loadWorld(server.db);

  const failures: string[] = [];
  const run = async (cell: Cell, wishId: string) => {
    const wish = world.wishes.get(wishId)!;
    const person = personOf(cell.column.member);
    const input = inputFor(cell.fn, cell.action, wish, cell.badTarget);
    // The rules again, on the wish actually used (a fresh one must be like its template).
    const { outcome: expected, to } = expectedOutcome(cell.fn, cell.action, person, wish, input, server.clock.now(), settings.get(wish.communityId)!, cell.badTarget);
    const client = cell.column.member ? clients.get(cell.column.member.key)! : server.anonymous();
    const reply = await client.call(cell.fn, cell.action, input);
    counts.wishCalls++;
    const where = `${cell.fn}.${cell.action}${cell.badTarget ? ' (to a resident)' : ''} ${keyName(cell.key)} as ${cell.column.name}`;
    if (expected !== cell.expected) failures.push(`${where}: fixture differs from its template (${expected} vs ${cell.expected})`);
    if (outcomeOf(reply) !== expected || reply.status !== statusOf(expected)) failures.push(`${where}: expected ${expected}, got ${describeReply(reply)}`);
    if (reply.body.ok && to && reply.body.data?.wish?.status !== to) failures.push(`${where}: reached ${reply.body.data?.wish?.status}, the table says ${to}`);
    if (reply.body.ok && isWriteAction(cell.fn, cell.action)) await refreshWish(server.db, world, wishId);
    for (const leak of leaksIn(reply.body, person, world, wishId)) failures.push(`${where}: leaks ${leak}`);
    for (const leak of phonesOutsidePolicies(reply.body, `${cell.fn}.${cell.action}`, person, world)) failures.push(`${where}: ${leak}`);
  };

  // Refusals first, on the templates: together they must change nothing at all.
  const before = await fingerprint(server.db);
  const refusals = cells.filter((c) => !(c.expected === 'OK' && isWriteAction(c.fn, c.action)));
  await freshSignIns();
  await inPool(refusals, 8, (c) => run(c, templates.get(keyName(c.key))!));
  expect(await fingerprint(server.db)).toEqual(before);
  await freshSignIns();
  await inPool(writes, 8, (c, i) => run(c, fresh[i]));

  const cpu = process.cpuUsage(t0);
  const byOutcome: Record<string, number> = {};
  for (const c of cells) byOutcome[c.expected] = (byOutcome[c.expected] ?? 0) + 1;
  console.log(
    `matrix: ${counts.wishCalls} wish-action calls (${JSON.stringify(byOutcome)}) on ${counts.fixtureWishes} fixture wishes, ` +
      `${((Date.now() - started) / 1000).toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU`,
  );
  expect(failures).toEqual([]);
  // 整理语音 is tried where it works (a plain wish has a voice note) as well as where it is refused.
  const transcribe = cells.filter((c) => c.fn === 'dispatch' && c.action === 'transcribe');
  expect([...new Set(transcribe.map((c) => c.expected))]).toEqual(expect.arrayContaining(['OK', 'CONFLICT', 'FORBIDDEN']));
  const targeted = WISH_ACTIONS.filter(({ fn, action }) => TARGET_FIELDS.some((f) => f in shapeOf(fn, action))).length;
  expect(counts.wishCalls).toBe((WISH_ACTIONS.length + targeted) * keys.length * columnsFor('tao').length);
});

test('every other action × every person: the router refuses exactly those without its roles, and no read leaks', async () => {
  world = await loadWorld(server.db);
  await freshSignIns();
  const failures: string[] = [];
  const people: Column[] = [...columnsFor('tao').filter((c) => c.name !== 'staff_other' && c.name !== 'town_other'), ...columnsFor('szs')];
  const others = ALL_ACTIONS.filter((a) => !WISH_ACTIONS.includes(a) && a.fn !== 'cron');
  const calls: { fn: string; action: string; column: Column }[] = [];
  for (const a of others) for (const column of people) calls.push({ ...a, column });
  const before = await fingerprint(server.db);
  await inPool(calls, 8, async ({ fn, action, column }) => {
    const person = personOf(column.member);
    const gate = routerOutcome(handlerOf(fn, action), person, `${fn}.${action}`);
    const write = isWriteAction(fn, action);
    // A write the router lets through would change the org: the fuzz suite drives those.
    if (write && gate === 'OK') return;
    for (const data of listInputs(fn, action, column.member?.community ?? 'tao')) {
      const client = column.member ? clients.get(column.member.key)! : server.anonymous();
      const reply = await client.call(fn, action, data);
      counts.otherCalls++;
      const where = `${fn}.${action} ${JSON.stringify(data)} as ${column.member?.key ?? 'unauthenticated'}`;
      if (gate !== 'OK' && (outcomeOf(reply) !== gate || reply.status !== statusOf(gate))) failures.push(`${where}: expected ${gate}, got ${describeReply(reply)}`);
      if (gate === 'OK' && (reply.status >= 500 || reply.status === 401)) failures.push(`${where}: ${describeReply(reply)}`);
      for (const leak of leaksIn(reply.body, person, world)) failures.push(`${where}: leaks ${leak}`);
      for (const leak of phonesOutsidePolicies(reply.body, `${fn}.${action}`, person, world)) failures.push(`${where}: ${leak}`);
    }
  });
  expect(await fingerprint(server.db)).toEqual(before);
  console.log(`matrix: ${counts.otherCalls} calls of the other ${others.length} actions`);
  expect(failures).toEqual([]);
});

/**
 * The inputs a read is tried with, from its schema: one per wish state when it filters by
 * state, one per category when it takes one (duplicate hints), a position in the caller's
 * community when it asks for one; {} when that is all it needs. Writes and inputs it cannot
 * make from these are left to the fuzz suite.
 */
function listInputs(fn: string, action: string, c: CommunityKey): Record<string, unknown>[] {
  const shape = shapeOf(fn, action);
  const [lng, lat] = COMMUNITIES[c].origin;
  const base: Record<string, unknown> = {};
  if ('lng' in shape && 'lat' in shape) Object.assign(base, { lng, lat, radiusM: 5000, limit: 50 });
  if ('location' in shape) base.location = { type: 'Point', coordinates: [lng, lat] };
  let inputs = [base];
  const expand = (key: string, values: readonly string[], required: boolean) => {
    if (!(key in shape)) return;
    inputs = inputs.flatMap((i) => [...(required ? [] : [i]), ...values.map((v) => ({ ...i, [key]: v }))]);
  };
  expand('status', WishStates, false);
  expand('category', Categories, !shape.category?.safeParse(undefined).success);
  return inputs.filter((i) => schemaOf(fn, action).safeParse(i).success);
}
