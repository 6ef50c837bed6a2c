// Limits and hostile input: errors as MongoDB sends them, and a bad connection never takes the server down.
import { Socket } from 'net';
import { serialize, deserialize } from 'bson';
import { MongoClient } from 'mongodb';
import { useMongo } from './harness';

const h = useMongo('hardening');

function hostPort(uri: string): { host: string; port: number } {
  const m = /mongodb:\/\/(?:[^@/]*@)?([^/:,?]+):(\d+)/.exec(uri)!;
  return { host: m[1], port: Number(m[2]) };
}

/** Sends raw bytes; resolves with what came back before the server closed or a short quiet period. */
function rawExchange(bytes: Buffer, waitMs = 300): Promise<{ data: Buffer; closed: boolean }> {
  const { host, port } = hostPort(h.uri);
  return new Promise((resolve) => {
    const s = new Socket();
    const chunks: Buffer[] = [];
    let closed = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      clearTimeout(timer);
      s.destroy();
      resolve({ data: Buffer.concat(chunks), closed });
    };
    s.on('data', (d) => chunks.push(d));
    s.on('close', () => {
      closed = true;
      finish();
    });
    s.on('error', () => undefined);
    s.connect(port, host, () => {
      s.write(bytes);
      timer = setTimeout(finish, waitMs);
    });
  });
}

function opMsg(body: object, opts: { flags?: number; sequence?: { id: string; docs: object[] } } = {}): Buffer {
  const parts: Buffer[] = [Buffer.from([0]), Buffer.from(serialize(body))];
  if (opts.sequence) {
    const docs = Buffer.concat(opts.sequence.docs.map((d) => Buffer.from(serialize(d))));
    const id = Buffer.from(opts.sequence.id + '\0');
    const size = Buffer.alloc(4);
    size.writeInt32LE(4 + id.length + docs.length);
    parts.push(Buffer.from([1]), size, id, docs);
  }
  const payload = Buffer.concat(parts);
  const head = Buffer.alloc(20);
  head.writeInt32LE(20 + payload.length, 0);
  head.writeInt32LE(7, 4);
  head.writeInt32LE(0, 8);
  head.writeInt32LE(2013, 12);
  head.writeUInt32LE(opts.flags ?? 0, 16);
  return Buffer.concat([head, payload]);
}

function replyDoc(data: Buffer): any {
  const opCode = data.readInt32LE(12);
  if (opCode === 2013) return deserialize(data.subarray(21));
  if (opCode === 1) return deserialize(data.subarray(36));
  throw new Error(`unexpected opCode ${opCode}`);
}

async function stillServes(): Promise<void> {
  const c = await new MongoClient(h.uri, { serverSelectionTimeoutMS: 5000 }).connect();
  expect(await c.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
  await c.close();
}

describe('wire protocol from raw sockets', () => {
  it('answers a legacy OP_QUERY isMaster with OP_REPLY', async () => {
    const q = serialize({ isMaster: 1 });
    const name = Buffer.from('admin.$cmd\0');
    const body = Buffer.alloc(12 + name.length);
    body.writeInt32LE(0, 0);
    name.copy(body, 4);
    body.writeInt32LE(0, 4 + name.length);
    body.writeInt32LE(-1, 8 + name.length);
    const head = Buffer.alloc(16);
    head.writeInt32LE(16 + body.length + q.length, 0);
    head.writeInt32LE(1, 4);
    head.writeInt32LE(2004, 12);
    const { data } = await rawExchange(Buffer.concat([head, body, q]));
    expect(data.readInt32LE(12)).toBe(1);
    const doc = replyDoc(data);
    expect(doc.ismaster).toBe(true);
    expect(doc.maxWireVersion).toBeGreaterThanOrEqual(17);
  });

  it('accepts document sequences and unacknowledged (moreToCome) writes', async () => {
    const ack = await rawExchange(opMsg({ insert: 'seq', $db: h.db.databaseName }, { sequence: { id: 'documents', docs: [{ _id: 1 }, { _id: 2 }] } }));
    expect(replyDoc(ack.data)).toMatchObject({ ok: 1, n: 2 });
    const silent = await rawExchange(opMsg({ insert: 'seq', $db: h.db.databaseName, writeConcern: { w: 0 } }, { flags: 2, sequence: { id: 'documents', docs: [{ _id: 3 }] } }));
    expect(silent.data.length).toBe(0);
    expect(await h.db.collection('seq').countDocuments()).toBe(3);
  });

  it('ends every reply with operationTime and $clusterTime, as a replica-set member does, the time moving with each write', async () => {
    const send = async (body: object) => {
      const { data } = await rawExchange(opMsg({ ...body, $db: h.db.databaseName }));
      expect(data.readInt32LE(0)).toBe(data.length); // one whole message, its length as declared
      return replyDoc(data);
    };
    const first = await send({ ping: 1 });
    const wrote = await send({ insert: 'clock', documents: [{ _id: 1 }] });
    const after = await send({ find: 'clock', filter: {} });
    for (const reply of [first, wrote, after]) {
      expect(Object.keys(reply).slice(-2)).toEqual(['operationTime', '$clusterTime']);
      expect(reply.operationTime._bsontype).toBe('Timestamp');
      expect(reply.$clusterTime.clusterTime._bsontype).toBe('Timestamp');
      expect(reply.$clusterTime.clusterTime.compare(reply.operationTime)).toBeGreaterThanOrEqual(0);
      expect(reply.$clusterTime.signature.hash.length()).toBe(20);
      expect(['number', 'bigint'].includes(typeof reply.$clusterTime.signature.keyId) || reply.$clusterTime.signature.keyId._bsontype === 'Long').toBe(true);
    }
    expect(wrote).toMatchObject({ ok: 1, n: 1 });
    expect(after.cursor.firstBatch).toEqual([{ _id: 1 }]);
    expect(wrote.operationTime.compare(first.operationTime)).toBeGreaterThan(0);
    expect(after.$clusterTime.clusterTime.compare(wrote.operationTime)).toBeGreaterThanOrEqual(0);
  });

  it('answers commands sent together in one write in order, each to its own request', async () => {
    const db = h.db.databaseName;
    const withId = (msg: Buffer, requestId: number) => {
      msg.writeInt32LE(requestId, 4);
      return msg;
    };
    const bytes = Buffer.concat([
      withId(opMsg({ insert: 'piped', documents: [{ _id: 1 }], $db: db }), 101),
      withId(opMsg({ find: 'piped', filter: {}, $db: db }), 102),
      withId(opMsg({ nosuchcommand: 1, $db: db }), 103),
      withId(opMsg({ ping: 1, $db: db }), 104),
    ]);
    const { data } = await rawExchange(bytes);
    const replies: { responseTo: number; doc: any }[] = [];
    for (let off = 0; off < data.length; off += data.readInt32LE(off)) {
      const msg = data.subarray(off, off + data.readInt32LE(off));
      replies.push({ responseTo: msg.readInt32LE(8), doc: replyDoc(msg) });
    }
    expect(replies.map((r) => r.responseTo)).toEqual([101, 102, 103, 104]);
    expect(replies[0].doc).toMatchObject({ ok: 1, n: 1 });
    expect(replies[1].doc.cursor.firstBatch).toEqual([{ _id: 1 }]);
    expect(replies[2].doc).toMatchObject({ ok: 0, codeName: 'CommandNotFound' });
    expect(replies[3].doc).toMatchObject({ ok: 1 });
  });

  it('sends a reply of several hundred kilobytes whole, the cluster time at its end', async () => {
    await h.db.collection<{ _id: number; pad: string }>('wide').insertMany(Array.from({ length: 40 }, (_, i) => ({ _id: i, pad: 'p'.repeat(10_000) })));
    const { data } = await rawExchange(opMsg({ find: 'wide', filter: {}, batchSize: 100, $db: h.db.databaseName }), 1000);
    expect(data.readInt32LE(0)).toBe(data.length);
    const reply = replyDoc(data);
    expect(reply.cursor.firstBatch.map((d: { _id: number }) => d._id)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(reply.cursor.firstBatch.every((d: { pad: string }) => d.pad.length === 10_000)).toBe(true);
    expect(Object.keys(reply).slice(-2)).toEqual(['operationTime', '$clusterTime']);
  });

  it.each([
    ['a length below the header size', (() => { const b = Buffer.alloc(16); b.writeInt32LE(4, 0); return b; })()],
    ['a huge declared size', (() => { const b = Buffer.alloc(16); b.writeInt32LE(0x7fffffff, 0); b.writeInt32LE(2013, 12); return b; })()],
    ['garbage bytes', Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37 + 11) & 0xff))],
    ['an unknown opCode', (() => { const b = Buffer.alloc(32); b.writeInt32LE(32, 0); b.writeInt32LE(9999, 12); return b; })()],
    ['a corrupt BSON body', (() => { const m = opMsg({ ping: 1, $db: 'admin' }); m.writeInt32LE(9999, 21); return m; })()],
  ])('closes only the connection that sent %s', async (_name, bytes) => {
    const { closed, data } = await rawExchange(bytes, 2000);
    // The embedded server hangs up; a real mongod may answer some of these with an error instead.
    if (h.embedded) expect(closed).toBe(true);
    else expect(closed || replyDoc(data).ok === 0).toBe(true);
    await stillServes();
  });

  it('survives a client that disconnects mid-message', async () => {
    const full = opMsg({ ping: 1, $db: 'admin' });
    await rawExchange(full.subarray(0, 10), 50);
    await stillServes();
  });
});

describe('limits', () => {
  it('rejects documents over 16 MB and keeps serving', async () => {
    const c = h.db.collection('big');
    const big = 'x'.repeat(16 * 1024 * 1024);
    const err = await c.insertOne({ big }).catch((e) => e);
    expect(err).toBeInstanceOf(Error);
    if (err.name === 'MongoServerError') expect(err.code).toBe(10334);
    await c.insertOne({ small: 'x'.repeat(1024 * 1024) });
    const grow = await c.updateOne({}, { $set: { more: 'y'.repeat(15.5 * 1024 * 1024) } }).catch((e) => e);
    expect(grow).toBeInstanceOf(Error);
    expect(grow.code).toBe(10334);
    expect(await c.countDocuments()).toBe(1);
    await stillServes();
  });

  it('rejects a document that only the _id the server adds would take over 16 MB, sent as the body or as a sequence', async () => {
    // 16 MB less 4 bytes as sent; the server's ObjectId _id (17 bytes) takes it over the limit.
    const pad = 16 * 1024 * 1024 - 4 - (4 + 1 + 'pad\0'.length + 4 + 1 + 1);
    const doc = { pad: 'z'.repeat(pad) };
    expect(serialize(doc).length).toBe(16 * 1024 * 1024 - 4);
    const asBody = replyDoc((await rawExchange(opMsg({ insert: 'edge', documents: [doc], $db: h.db.databaseName }), 3000)).data);
    const asSequence = replyDoc((await rawExchange(opMsg({ insert: 'edge', $db: h.db.databaseName }, { sequence: { id: 'documents', docs: [doc] } }), 3000)).data);
    for (const reply of [asBody, asSequence]) {
      expect(reply).toMatchObject({ ok: 1, n: 0 });
      expect(reply.writeErrors[0].code).toBe(10334);
    }
    expect(await h.db.collection('edge').countDocuments()).toBe(0);
    await stillServes();
  });
});

describe('server-side JavaScript', () => {
  it('is never executed from a filter', async () => {
    const c = h.db.collection('js');
    await c.insertOne({ a: 1 });
    (globalThis as any).__pwned = false;
    const res = await c.find({ $where: 'globalThis.__pwned = true; return true' }).toArray().catch((e) => e);
    expect((globalThis as any).__pwned).toBe(false);
    if (h.embedded) expect(res).toBeInstanceOf(Error);
  });
});
