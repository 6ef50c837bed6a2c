// A runner of the MongoDB unified test format (specifications/source/unified-test-format), driving the
// official driver against a server: files are loaded, requirements checked, each test run in a fresh
// entity map, and its errors, results, events and collection outcomes asserted.
import { EJSON } from 'bson';
import fs from 'node:fs';
import path from 'node:path';
import { MongoClient, MongoServerError } from 'mongodb';
import { EntityMap } from './entities';
import { match, matchDocuments, matchExact, MatchContext } from './match';

/** Operations whose result is an iterable of root-level documents. */
const ITERABLE = new Set(['find', 'aggregate', 'listCollections', 'listDatabases', 'listIndexes', 'listSearchIndexes', 'runCursorCommand']);
import { perform, Runner } from './operations';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export const SPEC_DIR = path.join(__dirname, '..', 'spec');

/** The vendored directories, in the order the suite runs them. */
export const GROUP_NAMES = ['crud', 'transactions', 'transactions-convenient-api', 'retryable-writes', 'sessions', 'index-management', 'collection-management'];

/** What the server under test is: the embedded server reports 7.0.0 as a one-node replica set. */
export interface Target {
  uri: string;
  version: number[];
  topology: 'single' | 'replicaset' | 'sharded' | 'load-balanced';
}

export interface SpecTest {
  group: string;
  file: string;
  description: string;
  /** `group/file/description`: how skip and expected-failure lists name a test. */
  id: string;
  /** Why the requirements of the file or test rule it out here, if they do. */
  unmet: string | null;
  run(target: Target, internal: MongoClient): Promise<void>;
}

export function loadGroup(group: string): SpecTest[] {
  const dir = path.join(SPEC_DIR, group);
  const out: SpecTest[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const spec = EJSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'), { relaxed: true }) as Any;
    const name = file.replace(/\.json$/, '');
    for (const test of spec.tests) {
      out.push({
        group,
        file: name,
        description: test.description,
        id: `${group}/${name}/${test.description}`,
        unmet: null,
        run: (target, internal) => runTest(spec, test, target, internal),
      });
      const last = out[out.length - 1];
      last.unmet = test.skipReason ? `skipReason in the file: ${test.skipReason}` : null;
      (last as Any).requirements = [spec.runOnRequirements, test.runOnRequirements];
    }
  }
  return out;
}

function versionOf(s: string): number[] {
  return s.split('.').map(Number).concat([0, 0, 0]).slice(0, 3);
}

function cmpVersion(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** Why none of the requirements hold for the target, or null when one does. */
function unmetRequirement(reqs: Any[] | undefined, target: Target): string | null {
  if (!reqs || !reqs.length) return null;
  const why: string[] = [];
  for (const r of reqs) {
    const miss: string[] = [];
    if (r.minServerVersion && cmpVersion(target.version, versionOf(r.minServerVersion)) < 0) miss.push(`server version: needs ≥ ${r.minServerVersion}, reports ${target.version.join('.')}`);
    if (r.maxServerVersion && cmpVersion(target.version, versionOf(r.maxServerVersion)) > 0) miss.push(`server version: needs ≤ ${r.maxServerVersion}, reports ${target.version.join('.')}`);
    if (r.topologies && !r.topologies.includes(target.topology)) {
      miss.push(`topology: needs ${r.topologies.join('/')}, is a one-node ${target.topology}`);
    }
    if (r.serverless === 'require') miss.push('topology: needs Atlas serverless');
    if (r.auth === true) miss.push('authentication: the embedded server has none (documented unsupported)');
    if (r.csfle) miss.push('client-side encryption: needs mongocryptd/crypt_shared');
    if (r.serverParameters) miss.push(`server parameters ${JSON.stringify(r.serverParameters)}`);
    if (!miss.length) return null;
    why.push(miss.join('; '));
  }
  return why.join(' | ');
}

export function requirementsUnmet(t: SpecTest, target: Target): string | null {
  if (t.unmet) return t.unmet;
  const [fileReqs, testReqs] = (t as Any).requirements as [Any[] | undefined, Any[] | undefined];
  return unmetRequirement(fileReqs, target) ?? unmetRequirement(testReqs, target);
}

async function setUpData(internal: MongoClient, initialData: Any[] | undefined): Promise<void> {
  for (const c of initialData ?? []) {
    const db = internal.db(c.databaseName);
    await db.dropCollection(c.collectionName, { writeConcern: { w: 'majority' } }).catch(() => undefined);
    if (c.createOptions) await db.createCollection(c.collectionName, { ...c.createOptions, writeConcern: { w: 'majority' } });
    if (c.documents?.length) await db.collection(c.collectionName).insertMany(c.documents, { writeConcern: { w: 'majority' } });
    else if (!c.createOptions) await db.createCollection(c.collectionName, { writeConcern: { w: 'majority' } });
  }
}

async function runTest(spec: Any, test: Any, target: Target, internal: MongoClient): Promise<void> {
  await internal.db('admin').command({ killAllSessions: [] }).catch(() => undefined);
  await setUpData(internal, test.initialData ?? spec.initialData);
  const entities = new EntityMap(target.uri);
  const runner: Runner = {
    entities,
    internal,
    failPoints: [],
    runOperation: (op, inCallback) => runOperation(runner, op, inCallback),
  };
  let failure: unknown = null;
  try {
    await entities.create(spec.createEntities ?? []);
    for (const op of test.operations) await runOperation(runner, op);
    for (const c of entities.clients()) c.stopRecording();
    for (const expected of test.expectEvents ?? []) checkEvents(runner, expected);
    for (const c of test.outcome ?? []) {
      const docs = await internal.db(c.databaseName).collection(c.collectionName).find({}, { sort: { _id: 1 }, readConcern: { level: 'local' } }).toArray();
      matchExact(c.documents, docs, `outcome ${c.collectionName}`);
    }
  } catch (e) {
    failure = e;
  } finally {
    for (const [client, name] of runner.failPoints) {
      await client.db('admin').command({ configureFailPoint: name, mode: 'off' }).catch(() => internal.db('admin').command({ configureFailPoint: name, mode: 'off' }).catch(() => undefined));
    }
    await entities.close();
  }
  if (failure) throw failure;
}

function matchContext(r: Runner): MatchContext {
  return {
    entity: (name) => r.entities.get(name),
    sessionLsid: (name) => r.entities.session(name).id,
  };
}

/** In a withTransaction callback an operation's error still propagates to withTransaction once asserted. */
async function runOperation(r: Runner, op: Any, inCallback = false): Promise<void> {
  let result: unknown;
  let error: Any = null;
  try {
    result = await perform(r, op);
  } catch (e) {
    error = e;
  }
  const where = `operation ${op.name}`;
  if (op.ignoreResultAndError) {
    if (error && inCallback) throw error;
    return;
  }
  if (op.expectError) {
    if (!error) throw new Error(`${where}: expected an error, got ${EJSON.stringify(result as Any, { relaxed: true })}`);
    checkError(r, op.expectError, error, where);
    if (inCallback) throw error;
    return;
  }
  if (error) {
    error.message = `${where}: ${error.message}`;
    throw error;
  }
  if (op.expectResult !== undefined) (ITERABLE.has(op.name) ? matchDocuments : match)(op.expectResult, result, matchContext(r), `${where} result`);
  if (op.saveResultAsEntity) r.entities.set(op.saveResultAsEntity, result);
}

function checkError(r: Runner, expected: Any, error: Any, where: string): void {
  const fail = (why: string) => {
    throw new Error(`${where}: ${why}; error was ${error?.name}: ${error?.message} (code ${error?.code})`);
  };
  const isServer = error instanceof MongoServerError;
  if (expected.isClientError === true && isServer) fail('expected a client error');
  if (expected.isClientError === false && !isServer) fail('expected a server error');
  if (expected.isTimeoutError === true && !/timeout/i.test(error?.name ?? '')) fail('expected a timeout error');
  if (expected.errorContains && !String(error?.message ?? '').toLowerCase().includes(String(expected.errorContains).toLowerCase())) {
    fail(`message lacks "${expected.errorContains}"`);
  }
  if (expected.errorCode !== undefined && error?.code !== expected.errorCode) fail(`expected code ${expected.errorCode}`);
  if (expected.errorCodeName !== undefined && String(error?.codeName ?? '').toLowerCase() !== String(expected.errorCodeName).toLowerCase()) fail(`expected codeName ${expected.errorCodeName}`);
  for (const l of expected.errorLabelsContain ?? []) if (!error?.hasErrorLabel?.(l)) fail(`missing label ${l}`);
  for (const l of expected.errorLabelsOmit ?? []) if (error?.hasErrorLabel?.(l)) fail(`has label ${l}`);
  if (expected.errorResponse) match(expected.errorResponse, error?.errorResponse ?? error, matchContext(r), `${where} errorResponse`);
  if (expected.expectResult !== undefined) match(expected.expectResult, error?.result, matchContext(r), `${where} error result`);
}

function checkEvents(r: Runner, expected: Any): void {
  const kind = expected.eventType ?? 'command';
  const observed = r.entities.client(expected.client).events.filter((e) => e.kind === kind);
  const want: Any[] = expected.events;
  const ctx = matchContext(r);
  if (expected.ignoreExtraEvents ? observed.length < want.length : observed.length !== want.length) {
    throw new Error(`events of ${expected.client}: ${observed.length} observed (${observed.map((e) => `${e.type}:${e.event.commandName ?? ''}`).join(', ')}), ${want.length} expected`);
  }
  want.forEach((w, i) => {
    const [type, spec] = Object.entries(w)[0] as [string, Any];
    const got = observed[i];
    const at = `event ${i} (${type})`;
    if (got.type !== type) throw new Error(`${at}: observed ${got.type} ${got.event.commandName ?? ''}`);
    const e = got.event;
    if (spec.commandName !== undefined && e.commandName !== spec.commandName) throw new Error(`${at}: commandName ${e.commandName}, expected ${spec.commandName}`);
    if (spec.databaseName !== undefined && e.databaseName !== spec.databaseName) throw new Error(`${at}: databaseName ${e.databaseName}`);
    if (spec.command) match(spec.command, withoutDriverWtimeout(spec.command, e.command), ctx, `${at} command`);
    if (spec.reply) match(spec.reply, e.reply, ctx, `${at} reply`);
    if (spec.hasServiceId !== undefined && !!e.serviceId !== spec.hasServiceId) throw new Error(`${at}: hasServiceId`);
    if (spec.hasServerConnectionId !== undefined && (e.serverConnectionId != null) !== spec.hasServerConnectionId) throw new Error(`${at}: hasServerConnectionId`);
    if (type === 'connectionClosedEvent' && spec.reason && e.reason !== spec.reason) throw new Error(`${at}: reason ${e.reason}`);
    if (type === 'connectionCheckOutFailedEvent' && spec.reason && e.reason !== spec.reason) throw new Error(`${at}: reason ${e.reason}`);
  });
}

/**
 * The Node.js driver adds `wtimeout: 10000` to the write concern of commitTransaction (and of a retried
 * abort) whenever one is set (mongodb/lib/sessions.js); the spec files expect the write concern as
 * given. Only that key, only on those commands, only when the file does not mention it, is set aside.
 */
function withoutDriverWtimeout(expected: Any, actual: Any): Any {
  const name = Object.keys(actual ?? {})[0];
  if (name !== 'commitTransaction' && name !== 'abortTransaction') return actual;
  const wc = actual.writeConcern;
  if (!wc || wc.wtimeout !== 10000 || (expected.writeConcern && typeof expected.writeConcern === 'object' && 'wtimeout' in expected.writeConcern)) return actual;
  const { wtimeout: _driverDefault, ...rest } = wc;
  return { ...actual, writeConcern: rest };
}
