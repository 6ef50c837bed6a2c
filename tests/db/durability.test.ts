// Embedded-server only: durability of a dbPath across clean restarts and kill -9.
import { ChildProcess, spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { connect } from 'net';
import { deserialize, serialize } from 'bson';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '../../server/db/embeddedMongo';

const root = path.resolve(__dirname, '../..');
const maybe = process.env.MONGODB_URI ? describe.skip : describe;
jest.setTimeout(60_000);

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-mongo-'));
}

function spawnServer(dbPath: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; uri: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/db/cli.ts'), '--port', '0', '--dbpath', dbPath], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /mongodb:\/\/\S+/.exec(out);
      if (m) resolve({ child, uri: m[0] });
    });
    child.stderr!.on('data', (d) => (err += d));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${err}`)));
  });
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

maybe('durability with a dbPath', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });
  const dir = () => {
    const d = tempDir();
    dirs.push(d);
    return d;
  };

  it('keeps data, indexes and constraints across a clean restart', async () => {
    const dbPath = dir();
    let server = await startEmbeddedMongo({ port: 0, dbPath });
    let client = await new MongoClient(server.uri).connect();
    const db = client.db('app');
    await db.collection('users').createIndex({ email: 1 }, { unique: true });
    await db.collection('places').createIndex({ loc: '2dsphere' });
    await db.collection('users').insertMany([{ email: 'a' }, { email: 'b' }]);
    await db.collection('users').updateOne({ email: 'a' }, { $set: { name: 'Ann' } });
    await db.collection('users').deleteOne({ email: 'b' });
    await db.collection('places').insertOne({ loc: { type: 'Point', coordinates: [114, 22] } });
    await db.collection('gone').insertOne({ x: 1 });
    await db.collection('gone').drop();
    await client.close();
    await server.stop();

    server = await startEmbeddedMongo({ port: 0, dbPath });
    client = await new MongoClient(server.uri).connect();
    const db2 = client.db('app');
    expect(await db2.collection('users').find({}, { projection: { _id: 0 } }).toArray()).toEqual([{ email: 'a', name: 'Ann' }]);
    await expect(db2.collection('users').insertOne({ email: 'a' })).rejects.toMatchObject({ code: 11000 });
    expect(await db2.collection('places').find({ loc: { $near: { $geometry: { type: 'Point', coordinates: [114, 22] }, $maxDistance: 10 } } }).toArray()).toHaveLength(1);
    expect((await db2.listCollections().toArray()).map((c) => c.name).sort()).toEqual(['places', 'users']);
    await client.close();
    await server.stop();
  });

  it('a command sent right behind a write waits for the write\'s journal flush and sees it', async () => {
    const server = await startEmbeddedMongo({ port: 0, dbPath: dir() });
    const msg = (body: object, requestId: number) => {
      const doc = Buffer.from(serialize(body));
      const head = Buffer.alloc(21);
      head.writeInt32LE(21 + doc.length, 0);
      head.writeInt32LE(requestId, 4);
      head.writeInt32LE(2013, 12);
      return Buffer.concat([head, doc]);
    };
    const data = await new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      const s = connect(server.port, '127.0.0.1', () => {
        s.write(Buffer.concat([msg({ insert: 'piped', documents: [{ _id: 1 }], $db: 'app' }, 1), msg({ find: 'piped', filter: {}, $db: 'app' }, 2)]));
      });
      s.on('data', (d) => {
        chunks.push(d);
        const all = Buffer.concat(chunks);
        if (all.length >= 4 && all.length > all.readInt32LE(0) && all.length >= all.readInt32LE(0) + all.readInt32LE(all.readInt32LE(0))) {
          s.destroy();
          resolve(all);
        }
      });
      s.on('error', reject);
    });
    const first = data.subarray(0, data.readInt32LE(0));
    const second = data.subarray(first.length);
    expect([first.readInt32LE(8), second.readInt32LE(8)]).toEqual([1, 2]);
    expect(deserialize(first.subarray(21))).toMatchObject({ ok: 1, n: 1 });
    expect(deserialize(second.subarray(21)).cursor.firstBatch).toEqual([{ _id: 1 }]);
    await server.stop();
  });

  it('the CLI prints its URI and stops cleanly on Ctrl-C', async () => {
    const dbPath = dir();
    const { child, uri } = await spawnServer(dbPath);
    expect(uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/\?replicaSet=/);
    const client = await new MongoClient(uri).connect();
    await client.db('cli').collection('c').insertOne({ a: 1 });
    await client.close();
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', (c) => resolve(c));
      child.kill('SIGINT');
    });
    expect(code).toBe(0);
    expect(fs.existsSync(path.join(dbPath, 'mongod.lock'))).toBe(false);
    expect(fs.existsSync(path.join(dbPath, 'snapshot.bson'))).toBe(true);
  });

  it('refuses a second server on the same dbPath with a clear message', async () => {
    const dbPath = dir();
    const server = await startEmbeddedMongo({ port: 0, dbPath });
    await expect(startEmbeddedMongo({ port: 0, dbPath })).rejects.toThrow(/already in use/);
    const other = spawnServer(dbPath);
    await expect(other).rejects.toThrow(/already in use/);
    await server.stop();
  });

  it.each([
    ['', {}],
    [' while compacting repeatedly', { EMBEDDED_MONGO_COMPACT_BYTES: String(64 * 1024) }],
  ])('keeps every acknowledged write through kill -9 under concurrent load%s, with no partial document', async (_label, env) => {
    const dbPath = dir();
    const { child, uri } = await spawnServer(dbPath, env);
    const acked = new Set<string>();
    let acknowledgedIncrements = 0;
    const clients = await Promise.all(Array.from({ length: 4 }, () => new MongoClient(uri, { retryWrites: false, maxPoolSize: 16, serverSelectionTimeoutMS: 1000 }).connect()));
    await clients[0].db('load').collection('counter').insertOne({ _id: 'c', n: 0 } as any);
    let stop = false;
    const payload = 'x'.repeat(2000);
    const worker = async (w: number) => {
      const db = clients[w % clients.length].db('load');
      for (let i = 0; !stop; i++) {
        const id = `${w}-${i}`;
        try {
          if (i % 5 === 4) {
            await db.collection('counter').updateOne({ _id: 'c' } as any, { $inc: { n: 1 } });
            acknowledgedIncrements++;
          } else {
            await db.collection('docs').insertOne({ _id: id, w, i, payload, check: payload.length + i } as any);
            acked.add(id);
          }
        } catch {
          return; // the server is gone
        }
      }
    };
    const running = Array.from({ length: 32 }, (_, w) => worker(w));
    await new Promise((r) => setTimeout(r, 1500));
    await killHard(child);
    stop = true;
    await Promise.all(running);
    await Promise.all(clients.map((c) => c.close(true).catch(() => undefined)));
    expect(acked.size).toBeGreaterThan(50);

    const server = await startEmbeddedMongo({ port: 0, dbPath });
    const client = await new MongoClient(server.uri).connect();
    const docs = await client.db('load').collection('docs').find().toArray();
    const present = new Set(docs.map((d) => String(d._id)));
    const missing = [...acked].filter((id) => !present.has(id));
    expect(missing).toEqual([]);
    for (const d of docs) {
      expect(d.payload).toBe(payload);
      expect(d.check).toBe(payload.length + d.i);
    }
    const counter = await client.db('load').collection('counter').findOne({ _id: 'c' } as any);
    expect(counter!.n).toBeGreaterThanOrEqual(acknowledgedIncrements);
    await client.close();
    await server.stop();
  });

  it('truncates a torn journal tail and keeps what came before', async () => {
    const dbPath = dir();
    const { child, uri } = await spawnServer(dbPath);
    const client = await new MongoClient(uri).connect();
    await client.db('t').collection('c').insertMany([{ _id: 1 }, { _id: 2 }] as any[]);
    await client.close();
    await killHard(child);
    const journal = fs.readdirSync(dbPath).find((f) => f.startsWith('journal.'))!;
    const file = path.join(dbPath, journal);
    const goodSize = fs.statSync(file).size;
    // A half-written frame: plausible length, then garbage.
    const torn = Buffer.alloc(40, 0xab);
    torn.writeUInt32LE(1000, 0);
    fs.appendFileSync(file, torn);

    const server = await startEmbeddedMongo({ port: 0, dbPath });
    expect(fs.statSync(file).size).toBe(goodSize);
    const c2 = await new MongoClient(server.uri).connect();
    expect(await c2.db('t').collection('c').countDocuments()).toBe(2);
    await c2.db('t').collection('c').insertOne({ _id: 3 } as any);
    await c2.close();
    await server.stop();
    const again = await startEmbeddedMongo({ port: 0, dbPath });
    const c3 = await new MongoClient(again.uri).connect();
    expect(await c3.db('t').collection('c').countDocuments()).toBe(3);
    await c3.close();
    await again.stop();
  });

  it('compacts the journal into a snapshot and recovers from both', async () => {
    const dbPath = dir();
    const server = await startEmbeddedMongo({ port: 0, dbPath });
    const client = await new MongoClient(server.uri).connect();
    const c = client.db('t').collection('c');
    await c.insertMany(Array.from({ length: 100 }, (_, i) => ({ _id: i, v: 0 })) as any[]);
    await client.close();
    await server.stop(); // a clean stop writes a snapshot
    expect(fs.existsSync(path.join(dbPath, 'snapshot.bson'))).toBe(true);

    const { child, uri } = await spawnServer(dbPath);
    const c2 = await new MongoClient(uri).connect();
    await c2.db('t').collection('c').updateMany({ _id: { $lt: 10 } } as any, { $set: { v: 1 } });
    await c2.close();
    await killHard(child);

    const s3 = await startEmbeddedMongo({ port: 0, dbPath });
    const c3 = await new MongoClient(s3.uri).connect();
    expect(await c3.db('t').collection('c').countDocuments()).toBe(100);
    expect(await c3.db('t').collection('c').countDocuments({ v: 1 })).toBe(10);
    await c3.close();
    await s3.stop();
  });
});
