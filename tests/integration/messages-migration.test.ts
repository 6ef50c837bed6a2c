import { InboxItem } from '@shared';
import { MongoClient, type Db } from 'mongodb';
import { connect } from '../../cloudfunctions/_core/store/connect';
import { migrateInboxOutbox } from '../../cloudfunctions/_core/store/migrateMessages';
import { startTestServer, type TestServer } from './harness';

/**
 * A database from before `messages`: its messages are still an inbox line and a delivery item each.
 * Ids sort after every real one (the inbox itself goes by when each happened).
 */
let server: TestServer;
let db: Db;
beforeAll(async () => {
  server = await startTestServer();
  db = server.db;
});
afterAll(() => server?.stop());

const id = (n: number) => `ffffffffffffffffffffff${String(n).padStart(2, '0')}${'a'.repeat(12)}`;
const t0 = new Date('2026-03-01T02:05:00Z');
const t1 = new Date('2026-03-01T02:06:00Z');
const line = (n: number, template: string, over: Record<string, unknown> = {}) => ({
  _id: id(n), dedupeKey: `${id(n).slice(0, 24)}:u-resident:${template}`, userId: 'u-resident', communityId: 'com-taoyuan', template,
  title: '心愿已被认领', body: '心愿：旧消息；认领人：张晓东；时间：2026年3月1日 10:05', wishId: 'w-old', read: false, createdAt: t0, ...over,
});
const item = (n: number, template: string, over: Record<string, unknown> = {}) => ({
  _id: id(n), dedupeKey: `${id(n).slice(0, 24)}:u-resident:${template}`, template, recipientId: 'u-resident', communityId: 'com-taoyuan', wishId: 'w-old',
  payload: { thing1: '旧消息', name2: '张晓东', time3: t0.toISOString() }, page: 'pages/wish/detail?id=w-old',
  status: 'pending', attempts: 0, nextAttemptAt: t0, createdAt: t0, ...over,
});
const legacy = (name: 'inbox' | 'outbox') => db.collection<Record<string, unknown> & { _id: string }>(name);
const names = async () => (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
const folded = (ids: string[]) => db.collection('messages').find({ _id: { $in: ids as never[] } }).sort({ _id: 1 }).toArray();

describe('start-up folds the old inbox and outbox into messages', () => {
  test('each pair becomes one message, a lone half still one; a second run changes nothing', async () => {
    const ids = [1, 2, 3, 4, 5].map(id);
    // 1 sent and read; 2 in the inbox only; 3 queued but its line was lost; 4 taken by a sender that died.
    await legacy('inbox').insertMany([
      line(1, 'wish_claimed', { read: true }),
      line(2, 'wish_approved', { title: '心愿审核通过', body: '心愿：旧消息；状态：已通过；时间：2026年3月1日 10:05' }),
      line(4, 'wish_claimed'),
      line(5, 'wish_claimed'),
    ]);
    await legacy('outbox').insertMany([
      item(1, 'wish_claimed', { status: 'sent', attempts: 1, sentAt: t1 }),
      item(3, 'wish_rejected', { payload: { thing1: '旧心愿', thing2: '信息不全' } }),
      item(4, 'wish_claimed', { status: 'sending', attempts: 1, lockedUntil: t1 }),
      item(5, 'wish_claimed'),
    ]);
    // 5 was folded by an earlier run that died before dropping, and has been read and sent since: that stays.
    const since = { ...line(5, 'wish_claimed'), ...item(5, 'wish_claimed'), read: true, status: 'sent', attempts: 1, sentAt: t1 };
    delete (since as Record<string, unknown>).recipientId;
    await db.collection('messages').insertOne(since as never);

    expect(await migrateInboxOutbox(db)).toBe(4);
    expect(await names()).toEqual(expect.arrayContaining(['messages']));
    expect(await names()).not.toEqual(expect.arrayContaining(['inbox']));
    expect(await names()).not.toEqual(expect.arrayContaining(['outbox']));

    const [sent, inboxOnly, lineLost, locked, kept] = await folded(ids);
    const { recipientId: _r, ...delivery1 } = item(1, 'wish_claimed', { status: 'sent', attempts: 1, sentAt: t1 });
    expect(sent).toEqual({ ...line(1, 'wish_claimed', { read: true }), ...delivery1 });
    expect(inboxOnly).toEqual({
      ...line(2, 'wish_approved', { title: '心愿审核通过', body: '心愿：旧消息；状态：已通过；时间：2026年3月1日 10:05' }),
      payload: {}, status: 'skipped', attempts: 0, lastError: expect.stringContaining('仅站内信'), nextAttemptAt: t0,
    });
    // The line is written again from the payload, as the announcement wrote it, and was never read.
    expect(lineLost).toMatchObject({ userId: 'u-resident', template: 'wish_rejected', title: '心愿未通过审核', body: '您的心愿「旧心愿」没有通过审核，原因是：信息不全。您可以修改后重新提交。', read: false, status: 'pending' });
    expect(lineLost).not.toHaveProperty('recipientId');
    expect(locked).toMatchObject({ status: 'sending', attempts: 1, lockedUntil: t1, title: '心愿已被认领', read: false });
    expect(kept).toEqual(since);

    const before = await folded(ids);
    expect(await migrateInboxOutbox(db)).toBe(0);
    expect(await folded(ids)).toEqual(before);

    // The person's inbox has them, in its own shape; what was due goes out with the next drain.
    const resident = await server.login('resident');
    // Dated March, below the seed's own (newest first by when it happened): read the whole inbox.
    const all: { id: string; read: boolean }[] = [];
    for (let cursor: string | undefined, n = 0; n === 0 || cursor; n++) {
      const page = await resident.ok('notify', 'inbox', { limit: 50, ...(cursor ? { cursor } : {}) });
      all.push(...page.items);
      cursor = page.nextCursor;
    }
    const shown = all.filter((m: { id: string }) => ids.includes(m.id));
    expect(shown.map((m: { id: string; read: boolean }) => [m.id, m.read])).toEqual([[id(5), true], [id(4), false], [id(3), false], [id(2), false], [id(1), true]]);
    for (const m of shown) expect(InboxItem.parse(m)).toEqual(m);
    // The seed's own messages may fill a drain or two first.
    for (let i = 0; i < 10; i++) {
      const { outbox } = await server.anonymous().ok('cron', 'tick', { jobs: ['outbox'] });
      if (outbox.sent + outbox.skipped + outbox.failed + outbox.retried === 0) break;
    }
    const after = await folded(ids);
    expect(after.map((m) => m.status)).toEqual(['sent', 'skipped', 'skipped', 'skipped', 'sent']);
  });

  test('with nothing to fold it asks one question; connecting folds, and two at once fold each message once', async () => {
    const client = await new MongoClient(server.mongoUri, { monitorCommands: true }).connect();
    try {
      const seen: string[] = [];
      client.on('commandStarted', (e) => seen.push(e.commandName));
      expect(await migrateInboxOutbox(client.db(db.databaseName))).toBe(0);
      expect(seen).toEqual(['listCollections']);
    } finally {
      await client.close();
    }

    await legacy('inbox').insertOne(line(10, 'wish_claimed'));
    await legacy('outbox').insertOne(item(10, 'wish_claimed', { status: 'failed', attempts: 1, lastError: '43101 user refuse to accept the msg' }));
    const conn = await connect(server.mongoUri, db.databaseName);
    await conn.close();
    expect(await folded([id(10)])).toEqual([expect.objectContaining({ status: 'failed', lastError: expect.stringMatching(/^43101/), title: '心愿已被认领' })]);
    expect(await names()).not.toEqual(expect.arrayContaining(['inbox']));

    // Several cloud functions starting at once each run it.
    const many = Array.from({ length: 1200 }, (_, i) => 20 + i);
    const bigId = (n: number) => `eeeeeeeeeeeeeeeeeeee${String(n).padStart(4, '0')}${'b'.repeat(12)}`;
    await legacy('inbox').insertMany(many.map((n) => ({ ...line(0, 'wish_claimed'), _id: bigId(n), dedupeKey: `k${n}` })));
    await legacy('outbox').insertMany(many.filter((n) => n % 2).map((n) => ({ ...item(0, 'wish_claimed'), _id: bigId(n), dedupeKey: `k${n}` })));
    const added = await Promise.all([migrateInboxOutbox(db), migrateInboxOutbox(db), migrateInboxOutbox(db)]);
    expect(added.reduce((a, b) => a + b, 0)).toBe(many.length);
    const all = await folded(many.map(bigId));
    expect(all).toHaveLength(many.length);
    expect(all.filter((m) => m.status === 'pending')).toHaveLength(many.length / 2);
    expect(await migrateInboxOutbox(db)).toBe(0);
  });
});
