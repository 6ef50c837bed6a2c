// mongosh, MongoDB's own shell, as a second client: the admin helpers people type (stats, views,
// projections, server status) must work against the embedded server as they do against mongod.
// Each scenario is a mongosh script; all run in one mongosh process (starting one costs seconds).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EJSON } from 'bson';
import { useMongo } from './harness';

const h = useMongo('mongosh');

/** Each script runs with `db` set to this file's database and returns what the test checks. */
const SCRIPTS: Record<string, string> = {
  collectionStats: `
    db.wishes.insertMany([{ title: '修水管', status: 'open' }, { title: '陪诊', status: 'open' }, { title: '代购', status: 'done' }]);
    db.wishes.createIndex({ status: 1 });
    const s = db.wishes.stats();
    const bytes = db.wishes.find().toArray().reduce((n, d) => n + bsonsize(d), 0);
    return {
      ns: s.ns, count: s.count, sizeIsBson: s.size === bytes, avgObjSize: s.avgObjSize === Math.floor(bytes / 3),
      nindexes: s.nindexes, indexNames: Object.keys(s.indexSizes).sort(), ok: s.ok,
      storageSize: s.storageSize > 0, totalIndexSize: s.totalIndexSize > 0,
      totalSize: s.totalSize === s.storageSize + s.totalIndexSize,
      scaled: db.wishes.stats(1024).size === bytes / 1024,
      dataSize: db.wishes.dataSize() === bytes, storageSizeHelper: db.wishes.storageSize() === s.storageSize,
      totalIndexSizeHelper: db.wishes.totalIndexSize() === s.totalIndexSize,
      countOnly: db.wishes.aggregate([{ $collStats: { count: {} } }]).toArray()[0].count,
    };`,
  missingCollectionStats: `
    try { db.nothingHere.stats(); return 'answered'; } catch (e) { return e.codeName; }`,
  dbStats: `
    db.people.insertMany([{ name: '王阿姨' }, { name: '李师傅' }]);
    db.createView('peopleNames', 'people', [{ $project: { name: 1 } }]);
    const colls = db.getCollectionInfos({ type: 'collection' }).map((c) => db.getCollection(c.name));
    const docs = colls.flatMap((c) => c.find().toArray());
    const bytes = docs.reduce((n, d) => n + bsonsize(d), 0);
    const s = db.stats();
    const kb = db.stats(1024);
    return {
      db: s.db === db.getName(), views: s.views, objects: s.objects === docs.length,
      collections: s.collections === colls.length,
      indexes: s.indexes === colls.reduce((n, c) => n + c.getIndexes().length, 0),
      dataSize: s.dataSize === bytes, avgObjSize: s.avgObjSize === bytes / docs.length,
      indexSize: s.indexSize > 0, storageSize: s.storageSize > 0, totalSize: s.totalSize === s.storageSize + s.indexSize,
      scaleFactor: kb.scaleFactor, scaledData: kb.dataSize === Math.floor(bytes / 1024), ok: s.ok,
    };`,
  serverStatus: `
    const before = db.serverStatus().opcounters;
    db.counted.insertOne({ n: 1 });
    db.counted.find().toArray();
    db.counted.updateOne({ n: 1 }, { $set: { n: 2 } });
    db.counted.deleteOne({ n: 2 });
    const s = db.serverStatus();
    return {
      version: s.version, host: typeof s.host, process: typeof s.process, uptime: s.uptime >= 0,
      uptimeMillis: s.uptimeMillis >= 0, localTime: s.localTime instanceof Date,
      connections: s.connections.current >= 1 && s.connections.totalCreated >= s.connections.current && s.connections.available > 0,
      opcounters: ['insert', 'query', 'update', 'delete'].map((k) => s.opcounters[k] - before[k]),
      commands: s.opcounters.command > before.command,
      mem: s.mem.resident > 0 && s.mem.virtual >= s.mem.resident,
      network: s.network.bytesIn > 0 && s.network.bytesOut > 0 && s.network.numRequests > 0,
      storageEngine: typeof s.storageEngine.name, repl: s.repl.setName === rs.status().set && s.repl.isWritablePrimary,
      ok: s.ok,
    };`,
  elemMatchProjection: `
    db.scores.insertMany([
      { _id: 1, name: '甲', results: [82, 85, 88], items: [{ kind: 'exam', score: 70 }, { kind: 'quiz', score: 90 }] },
      { _id: 2, name: '乙', results: [75, 88, 89], items: [{ kind: 'exam', score: 95 }] },
    ]);
    const p = (projection) => db.scores.find({}, projection).sort({ _id: 1 }).toArray();
    return {
      eq: p({ results: { $elemMatch: { $eq: 88 } } }),
      range: p({ results: { $elemMatch: { $gte: 86, $lt: 89 } } }),
      in: p({ results: { $elemMatch: { $in: [75, 82] } } }),
      subdoc: p({ items: { $elemMatch: { kind: 'exam', score: { $gt: 80 } } }, name: 1 }),
      withOr: p({ _id: 0, items: { $elemMatch: { $or: [{ score: { $lt: 75 } }, { kind: 'none' }] } } }),
    };`,
  idFirst: `
    db.idOrder.insertOne({ b: 1, a: 2, _id: 'x' });
    return {
      stored: Object.keys(db.idOrder.findOne()),
      project: Object.keys(db.idOrder.aggregate([{ $project: { a: 1, b: 1 } }]).toArray()[0]),
      projectIdLast: Object.keys(db.idOrder.aggregate([{ $project: { a: 1, _id: 1 } }]).toArray()[0]),
      projectComputed: Object.keys(db.idOrder.aggregate([{ $project: { sum: { $add: ['$a', '$b'] }, a: 1 } }]).toArray()[0]),
      find: Object.keys(db.idOrder.findOne({}, { a: 1, _id: 1 })),
      findExclusion: Object.keys(db.idOrder.findOne({}, { b: 0 })),
    };`,
  views: `
    db.wishList.insertMany([
      { _id: 1, title: '修水管', status: 'open', points: 5 },
      { _id: 2, title: '陪诊', status: 'open', points: 8 },
      { _id: 3, title: '代购', status: 'done', points: 3 },
    ]);
    db.createView('openWishes', 'wishList', [{ $match: { status: 'open' } }, { $project: { title: 1, points: 1 } }]);
    db.createView('bigOpenWishes', 'openWishes', [{ $match: { points: { $gte: 6 } } }]);
    const refused = (f) => { try { f(); return 'accepted'; } catch (e) { return e.codeName; } };
    const info = db.getCollectionInfos({ name: 'openWishes' })[0];
    const result = {
      find: db.openWishes.find().sort({ _id: 1 }).toArray(),
      findFiltered: db.openWishes.find({ points: { $gt: 6 } }, { title: 1, _id: 0 }).toArray(),
      findSortLimit: db.openWishes.find().sort({ points: -1 }).skip(1).limit(1).toArray(),
      aggregate: db.openWishes.aggregate([{ $group: { _id: null, total: { $sum: '$points' } } }]).toArray(),
      countDocuments: db.openWishes.countDocuments(),
      estimated: db.openWishes.estimatedDocumentCount(),
      distinct: db.openWishes.distinct('title').sort(),
      viewOnView: db.bigOpenWishes.find().toArray(),
      info: { type: info.type, options: info.options, readOnly: info.info.readOnly },
      names: db.getCollectionNames().filter((n) => ['wishList', 'openWishes', 'bigOpenWishes'].includes(n)).sort(),
      insert: refused(() => db.openWishes.insertOne({ title: 'x' })),
      update: refused(() => db.openWishes.updateOne({}, { $set: { points: 0 } })),
      remove: refused(() => db.openWishes.deleteMany({})),
      index: refused(() => db.openWishes.createIndex({ title: 1 })),
    };
    db.wishList.updateOne({ _id: 3 }, { $set: { status: 'open' } });
    result.live = db.openWishes.countDocuments();
    db.runCommand({ collMod: 'openWishes', viewOn: 'wishList', pipeline: [{ $match: { points: { $lt: 6 } } }] });
    result.collMod = db.openWishes.countDocuments();
    db.openWishes.drop();
    result.dropped = db.getCollectionNames().includes('openWishes');
    result.source = db.wishList.countDocuments();
    return result;`,
  adminCommands: `
    db.admin1.insertOne({ x: 1 });
    db.admin1.createIndex({ x: 1 });
    const listed = db.adminCommand({ listDatabases: 1 }).databases.map((d) => d.name);
    db.admin1.renameCollection('admin2');
    return {
      version: db.version(),
      buildInfo: db.serverBuildInfo().version,
      hello: db.hello().isWritablePrimary,
      rsStatus: rs.status().members[0].stateStr,
      hostInfo: typeof db.hostInfo().system.hostname,
      cmdLine: Array.isArray(db.serverCmdLineOpts().argv),
      ping: db.runCommand({ ping: 1 }).ok,
      listDatabases: listed.includes(db.getName()),
      names: db.getCollectionNames().includes('admin2'),
      indexes: db.admin2.getIndexes().map((i) => i.name),
      indexKeys: db.admin2.getIndexKeys(),
      isCapped: db.admin2.isCapped(),
      currentOp: Array.isArray(db.currentOp().inprog),
      profiling: db.getProfilingStatus().was,
      validate: db.admin2.validate().valid,
      listCommands: ['find', 'aggregate', 'collStats', 'validate'].every((c) => c in db.runCommand({ listCommands: 1 }).commands),
      logComponents: typeof db.getLogComponents().verbosity,
      dropIndex: db.admin2.dropIndex('x_1').ok,
      drop: db.admin2.drop(),
    };`,
};

/** One mongosh script running every scenario, each caught so one failure names itself instead of hiding the rest. */
function programme(dbName: string): string {
  const scenarios = Object.entries(SCRIPTS)
    .map(([name, body]) => `
      try { out[${JSON.stringify(name)}] = (function () { ${body} })(); }
      catch (e) { out[${JSON.stringify(name)}] = { error: { codeName: e.codeName, message: e.message } }; }`)
    .join('\n');
  return `db = db.getSiblingDB(${JSON.stringify(dbName)});\nconst out = {};\n${scenarios}\nprint(EJSON.stringify(out, { relaxed: true }));\n`;
}

function runMongosh(uri: string, script: string): Promise<string> {
  const home = mkdtempSync(join(tmpdir(), 'mongosh-home-'));
  const file = join(home, 'scenarios.js');
  writeFileSync(file, script);
  const bin = require.resolve('mongosh/bin/mongosh.js');
  // A throwaway HOME keeps mongosh's log and history out of the user's; telemetry off; --quiet skips the update check.
  const env = { ...process.env, HOME: home, MONGOSH_FORCE_DISABLE_TELEMETRY_FOR_TESTING: '1' };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [bin, uri, '--quiet', '--file', file], { env, timeout: 120_000, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      rmSync(home, { recursive: true, force: true });
      if (err) reject(new Error(`mongosh failed: ${err.message}\n${stderr}\n${stdout}`));
      else resolve(stdout);
    });
  });
}

let results: Record<string, any> = {};
const result = (name: string) => {
  const r = results[name];
  if (r?.error) throw new Error(`${name}: ${r.error.codeName ?? ''} ${r.error.message}`);
  return r;
};

beforeAll(async () => {
  const stdout = await runMongosh(h.uri, programme(h.db.databaseName));
  const last = stdout.trim().split('\n').pop() ?? '';
  results = EJSON.parse(last, { relaxed: true }) as Record<string, any>;
}, 150_000);

describe('mongosh against the embedded server', () => {
  it('collection.stats() counts documents and sizes them as BSON, with index sizes and the size helpers', () => {
    expect(result('collectionStats')).toEqual({
      ns: `${h.db.databaseName}.wishes`, count: 3, sizeIsBson: true, avgObjSize: true, nindexes: 2, indexNames: ['_id_', 'status_1'], ok: 1,
      storageSize: true, totalIndexSize: true, totalSize: true, scaled: true,
      dataSize: true, storageSizeHelper: true, totalIndexSizeHelper: true, countOnly: 3,
    });
  });

  it('collection.stats() on a collection that does not exist is NamespaceNotFound, as mongod says', () => {
    expect(result('missingCollectionStats')).toBe('NamespaceNotFound');
  });

  it('db.stats() counts collections, views, objects, data and indexes, scaled on request', () => {
    expect(result('dbStats')).toEqual({
      db: true, views: 1, objects: true, collections: true, indexes: true, dataSize: true, avgObjSize: true,
      indexSize: true, storageSize: true, totalSize: true, scaleFactor: 1024, scaledData: true, ok: 1,
    });
  });

  it('db.serverStatus() reports uptime, connections, operation counters, memory and network', () => {
    expect(result('serverStatus')).toEqual({
      version: '7.0.0', host: 'string', process: 'string', uptime: true, uptimeMillis: true, localTime: true, connections: true,
      opcounters: [1, 1, 1, 1], commands: true, mem: true, network: true, storageEngine: 'string', repl: true, ok: 1,
    });
  });

  it('$elemMatch in a projection takes any query operator, on scalars and on subdocuments', () => {
    const r = result('elemMatchProjection');
    expect(r.eq).toEqual([{ _id: 1, results: [88] }, { _id: 2, results: [88] }]);
    expect(r.range).toEqual([{ _id: 1, results: [88] }, { _id: 2, results: [88] }]);
    expect(r.in).toEqual([{ _id: 1, results: [82] }, { _id: 2, results: [75] }]);
    expect(r.subdoc).toEqual([{ _id: 1, name: '甲' }, { _id: 2, name: '乙', items: [{ kind: 'exam', score: 95 }] }]);
    expect(r.withOr).toEqual([{ items: [{ kind: 'exam', score: 70 }] }, {}]);
  });

  it('puts _id first in projected documents, wherever the projection names it', () => {
    expect(result('idFirst')).toEqual({
      stored: ['_id', 'b', 'a'],
      project: ['_id', 'b', 'a'],
      projectIdLast: ['_id', 'a'],
      projectComputed: ['_id', 'a', 'sum'],
      find: ['_id', 'a'],
      findExclusion: ['_id', 'a'],
    });
  });

  it('views: read through find, aggregate, count and distinct, nest, follow their source, refuse writes, change with collMod', () => {
    const r = result('views');
    expect(r.find).toEqual([{ _id: 1, title: '修水管', points: 5 }, { _id: 2, title: '陪诊', points: 8 }]);
    expect(r.findFiltered).toEqual([{ title: '陪诊' }]);
    expect(r.findSortLimit).toEqual([{ _id: 1, title: '修水管', points: 5 }]);
    expect(r.aggregate).toEqual([{ _id: null, total: 13 }]);
    expect([r.countDocuments, r.estimated]).toEqual([2, 2]);
    expect(r.distinct).toEqual(['修水管', '陪诊']);
    expect(r.viewOnView).toEqual([{ _id: 2, title: '陪诊', points: 8 }]);
    expect(r.info).toEqual({ type: 'view', options: { viewOn: 'wishList', pipeline: [{ $match: { status: 'open' } }, { $project: { title: 1, points: 1 } }] }, readOnly: true });
    expect(r.names).toEqual(['bigOpenWishes', 'openWishes', 'wishList']);
    expect([r.insert, r.update, r.remove, r.index]).toEqual(Array(4).fill('CommandNotSupportedOnView'));
    expect(r.live).toBe(3);
    expect(r.collMod).toBe(2);
    expect([r.dropped, r.source]).toEqual([false, 3]);
  });

  it('admin helpers work: version, hello, rs.status, hostInfo, listDatabases, rename, indexes, currentOp, profiling, validate', () => {
    expect(result('adminCommands')).toEqual({
      version: '7.0.0', buildInfo: '7.0.0', hello: true, rsStatus: 'PRIMARY', hostInfo: 'string', cmdLine: true, ping: 1,
      listDatabases: true, names: true, indexes: ['_id_', 'x_1'], indexKeys: [{ _id: 1 }, { x: 1 }], isCapped: false,
      currentOp: true, profiling: 0, validate: true, listCommands: true, logComponents: 'number', dropIndex: 1, drop: true,
    });
  });
});
