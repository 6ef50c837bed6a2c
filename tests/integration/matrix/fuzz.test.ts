/**
 * Every action's input, fuzzed from its zod schema with fast-check (issue 11): values the
 * schema takes and, at any depth, values it must refuse, sent by anyone of the cast or by
 * nobody. Whatever comes in, the reply is never a 5xx; input the schema refuses is a 400
 * naming the field; a caller without the action's roles is refused by the router; a refused
 * call (and any read) writes nothing: no write command reaches a collection other than the
 * bookkeeping ones (the driver's command events), and a read's collections hash the same
 * before and after all its calls; and no reply carries what its reader may not
 * see (leaks.ts). Deterministic by default (FUZZ_SEED to vary), FUZZ_RUNS calls per action.
 */
import fc from 'fast-check';
import type { MongoClient } from 'mongodb';
import { isWriteAction, type ErrorCode } from '@shared';
import { startTestServer, type Client, type TestServer } from '../harness';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../../server/db/embeddedMongo';
import { repositoriesOf } from '../../../cloudfunctions/_core/store/repositories';
import { inputArbitrary } from './arbitraries';
import { castMembers, COMMUNITY_KEYS, insertCast, type CastMember } from './cast';
import { BOOKKEEPING, fingerprint } from './fingerprint';
import { MATRIX_SERVER_CONFIG, fixtureKeys, inPool, makeWish } from './fixtures';
import { leaksIn, loadWorld, type World } from './leaks';
import { ALL_ACTIONS, handlerOf, routerOutcome, schemaOf, type Person } from './oracle';

jest.setTimeout(900_000);

const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const RUNS = Number(process.env.FUZZ_RUNS ?? 80);

let server: TestServer;
let embedded: EmbeddedMongo | undefined;
/** Collections the server wrote to since the last look (from the driver's command events). */
const written = new Set<string>();
const WRITE_COMMANDS = new Set(['insert', 'update', 'delete', 'findAndModify', 'create', 'drop', 'createIndexes', 'dropIndexes', 'renameCollection']);

/** A write command that changed a document (a conditional write that matched nothing changed nothing). */
function changedSomething(command: string, reply: { n?: number; nModified?: number; upserted?: unknown[]; lastErrorObject?: { n?: number } }): boolean {
  switch (command) {
    case 'insert':
    case 'delete':
      return (reply.n ?? 0) > 0;
    case 'update':
      return (reply.nModified ?? 0) > 0 || (reply.upserted?.length ?? 0) > 0;
    case 'findAndModify':
      return (reply.lastErrorObject?.n ?? 0) > 0;
    default:
      return true;
  }
}
let world: World;
let ids: string[] = [];
const cast = castMembers();
const clients = new Map<string, Client>();
const persons = new Map<string, Person>();
const counts = { calls: 0, refusedBySchema: 0, refused: 0, ok: 0 };
let cpuStart: NodeJS.CpuUsage;

beforeAll(async () => {
  cpuStart = process.cpuUsage();
  // The server's own client reports every command it sends (monitorCommands), so a write is seen even
  // when it leaves a collection as it was; MONGODB_URI, when set, is watched the same way.
  embedded = process.env.MONGODB_URI ? undefined : await startEmbeddedMongo({ port: 0, dbPath: ':memory:' });
  const uri = process.env.MONGODB_URI ?? embedded!.uri;
  server = await startTestServer({ mongoUri: `${uri}${uri.includes('?') ? '&' : '?'}monitorCommands=true`, config: MATRIX_SERVER_CONFIG as never });
  const client = (server.db as unknown as { client: MongoClient }).client;
  const pending = new Map<number, string>();
  client.on('commandStarted', (e) => {
    const target = e.command[e.commandName];
    if (WRITE_COMMANDS.has(e.commandName) && typeof target === 'string' && !BOOKKEEPING.has(target)) pending.set(e.requestId, target);
  });
  client.on('commandSucceeded', (e) => {
    const target = pending.get(e.requestId);
    pending.delete(e.requestId);
    if (target !== undefined && changedSomething(e.commandName, e.reply as Record<string, never>)) written.add(target);
  });
  await insertCast(server.db, cast, new Date());
  for (const m of cast) clients.set(m.key, await server.login(m.key));
  const as = (c: CastMember['community'], k: CastMember['cast']) => clients.get(cast.find((m) => m.community === c && m.cast === k)!.key)!;
  for (const c of COMMUNITY_KEYS) await as(c, 'secretary').ok('org', 'updateSettings', { settings: { postsPerDay: 100, maxOpenTasksPerHelper: 50 } });
  await inPool(fixtureKeys(COMMUNITY_KEYS), 6, (k) => makeWish(k, as));
  // A 爱心超市 shelf in each community and a redemption waiting, so fuzzed item and redemption ids reach past "not found".
  for (const c of COMMUNITY_KEYS) {
    const { item } = await as(c, 'secretary').ok('points', 'saveItem', { name: '爱心大米', cost: 10, stock: 5 });
    const volunteer = cast.find((m) => m.community === c && m.cast === 'volunteer')!;
    const communityId = (await server.db.collection<{ _id: string; memberships: { communityId?: string }[] }>('users').findOne({ _id: volunteer.userId }))!.memberships[0].communityId!;
    await repositoriesOf(server.db).inTransaction(({ ledger }) =>
      ledger.post({ _id: `earn:fuzz-${volunteer.userId}`, communityId, userId: volunteer.userId, kind: 'earn', amount: 10, sourceId: `fuzz-${volunteer.userId}`, at: new Date() }),
    );
    await as(c, 'volunteer').ok('points', 'redeem', { itemId: item.id });
    // 时间银行: hours in the volunteer's town and a family request waiting for them, so transfers and answers reach past "not found".
    const townId = (await server.db.collection<{ _id: string; townId: string }>('communities').findOne({ _id: communityId }))!.townId;
    await repositoriesOf(server.db).inTransaction(({ timebank }) =>
      timebank.post({ _id: `deposit:fuzz-${volunteer.userId}`, townId, userId: volunteer.userId, kind: 'deposit', hours: 4, sourceId: `fuzz-${volunteer.userId}`, at: new Date() }),
    );
    const phone = (await server.db.collection<{ _id: string; phone?: string }>('users').findOne({ _id: volunteer.userId }))?.phone;
    if (phone) await as(c, 'owner').ok('timebank', 'askFamily', { phone, relation: 'child' });
    // A 集体活动 running now with a volunteer checked in, so fuzzed activity ids reach past "not found" to the code and the steps.
    const { activity } = await as(c, 'secretary').ok('activities', 'publish', {
      title: '环境卫生整治', category: 'environment', description: '清理楼道杂物', place: '小区广场', startAt: new Date(Date.now() - 3_600_000).toISOString(),
      endAt: new Date(Date.now() + 4 * 3_600_000).toISOString(), places: 5, organizer: '社区党总支',
    });
    await as(c, 'volunteer').ok('activities', 'signUp', { activityId: activity.id });
  }
  await loadPersons();
  // Ids that exist, so fuzzed ids reach past "not found": wishes, people, and the org.
  for (const name of ['wishes', 'users', 'units', 'grids', 'buildings', 'compounds', 'communities', 'party_branches', 'join_requests', 'messages', 'store_items', 'redemptions', 'family_links', 'activities']) {
    ids.push(...(await server.db.collection(name).find({}, { projection: { _id: 1 } }).toArray()).map((d) => String(d._id)));
  }
  ids = [...new Set(ids)];
  world = await loadWorld(server.db);
});

/** Everyone as stored now (a fuzzed org.roles or org.deactivate may have changed someone). */
async function loadPersons(): Promise<void> {
  for (const u of await server.db.collection<{ _id: string; memberships: Person['memberships']; actingCommunityId?: string }>('users').find({}).toArray()) {
    persons.set(u._id, { id: u._id, memberships: u.memberships, roles: [...new Set(u.memberships.flatMap((m) => m.roles))], actingCommunityId: u.actingCommunityId });
  }
}

afterAll(async () => {
  const cpu = process.cpuUsage(cpuStart);
  console.log(
    `fuzz: ${counts.calls} calls over ${ALL_ACTIONS.length} actions (seed ${SEED}, ${RUNS} each): ${counts.refusedBySchema} refused by the schema, ` +
      `${counts.refused} refused otherwise, ${counts.ok} ok; ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU with set-up`,
  );
  await server?.stop();
  await embedded?.stop();
});

/** A body fastify's JSON parser refuses as prototype poisoning. */
const poisoned = (json: string | undefined) => json !== undefined && (/"__proto__":/.test(json) || /"constructor":\{[^{}]*"prototype":/.test(json));

/** Everyone who may call: the cast of both communities, and nobody. */
const callers: (CastMember | null)[] = [...cast, null];

describe.each(ALL_ACTIONS)('$fn.$action', ({ fn, action }) => {
  test('never 5xx; a schema refusal is a 400 naming the field; roles as declared; a refusal writes nothing; nothing leaks', async () => {
    const schema = schemaOf(fn, action);
    const def = handlerOf(fn, action);
    // In local mode a caller of cron on loopback is the timer itself (server/gateway.ts): the schema alone decides.
    const system = def.auth === 'system';
    const write = isWriteAction(fn, action) || system;
    // A read writes nothing whatever it is given: the collections are the same after all its calls.
    const before = write ? undefined : await fingerprint(server.db);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...callers), inputArbitrary(schema, ids), async (member, data) => {
        written.clear();
        const person = member ? persons.get(member.userId)! : null;
        const client = member ? clients.get(member.key)! : server.anonymous();
        const reply = await client.call(fn, action, data);
        counts.calls++;
        const body = reply.body;
        const code = body.ok ? 'OK' : (body.error.code as ErrorCode);
        const said = `${fn}.${action} ${JSON.stringify(data)?.slice(0, 300)} as ${member?.key ?? 'nobody'} → ${reply.status} ${body.ok ? 'ok' : `${code} ${body.error.message}`}`;
        if (reply.status >= 500) throw new Error(said);

        const parsed = schema.safeParse(data ?? {});
        const gate = system ? 'OK' : routerOutcome(def, person, `${fn}.${action}`);
        const fieldsOf = () => (body.ok ? undefined : (body.error.details as { fields?: { path: unknown }[] } | undefined)?.fields);
        if (poisoned(JSON.stringify(data))) {
          // The gateway's JSON parser refuses prototype keys before anything else reads the body.
          counts.refusedBySchema++;
          if (reply.status !== 400 || !fieldsOf()?.length) throw new Error(`expected the body refused: ${said}`);
        } else if (gate === 'UNAUTHENTICATED') {
          if (code !== 'UNAUTHENTICATED') throw new Error(`expected 401: ${said}`);
        } else if (!parsed.success) {
          counts.refusedBySchema++;
          const fields = fieldsOf();
          if (reply.status !== 400 || code !== 'VALIDATION_FAILED' || !fields?.length || fields.some((f) => typeof f.path !== 'string')) {
            throw new Error(`expected 400 naming the field: ${said} ${JSON.stringify(body)}`);
          }
        } else if (gate === 'FORBIDDEN') {
          if (code !== 'FORBIDDEN' || reply.status !== 403) throw new Error(`expected 403 (roles ${String(def.auth === undefined || def.auth === 'user' ? def.roles : def.auth)}): ${said}`);
        } else if (gate === 'MEMBER_DEACTIVATED') {
          if (code !== gate || reply.status !== 403) throw new Error(`expected the deactivated member refused: ${said}`);
        } else if (code === 'VALIDATION_FAILED') {
          const fields = (body as { error: { details?: { fields?: unknown[] } } }).error.details?.fields;
          if (!fields?.length) throw new Error(`a 400 without the field: ${said}`);
        }
        if (body.ok) counts.ok++;
        else if (parsed.success && !poisoned(JSON.stringify(data))) counts.refused++;

        if ((!body.ok || !write) && written.size > 0) throw new Error(`${body.ok ? 'a read' : 'a refusal'} wrote ${[...written].join(', ')}: ${said}`);
        if (written.has('wishes') || written.has('users')) world = await loadWorld(server.db);
        if (written.has('users')) await loadPersons();
        const leaks = leaksIn(body, person, world, undefined, def.auth === 'public');
        if (leaks.length) throw new Error(`leaks ${leaks.join('; ')}: ${said}`);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    if (before) expect(await fingerprint(server.db)).toEqual(before);
  });
});

/** What the generator reaches only by luck, pinned: a proxy entry refused for its dispatch target leaves no wish behind. */
test('dispatch.proxyCreate refused for its target writes nothing', async () => {
  const secretary = cast.find((m) => m.community === 'tao' && m.cast === 'secretary')!;
  const resident = cast.find((m) => m.community === 'tao' && m.cast === 'neighbour')!;
  written.clear();
  const reply = await clients.get(secretary.key)!.call('dispatch', 'proxyCreate', {
    category: 'repair',
    title: '老人家里水管漏了',
    description: '电话反映厨房水管漏水，需要上门维修。',
    location: { type: 'Point', coordinates: [113.9951, 31.2527] },
    channel: 'phone',
    beneficiary: { name: '王奶奶', phone: '13911112222' },
    assignTo: { kind: 'user', id: resident.userId },
  });
  expect(reply.status).toBe(400);
  expect(reply.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'assignTo.id' }] } } });
  expect([...written]).toEqual([]);
});
