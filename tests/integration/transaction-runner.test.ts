import { MongoClient, MongoError, type Db } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../server/db/embeddedMongo';
import { AttemptOverError, inSession, runTransaction } from '../../cloudfunctions/_core/store/session';

/**
 * The transaction runner (cloudfunctions/_core/store/session.ts) under work that does not await all it starts: a
 * `Promise.all` one of whose branches fails while the others are still going. Before the runner waited for an
 * attempt's operations, such a straggler ran on in the session after the runner had moved on: inside the next
 * attempt's transaction (committing with it), or after the session had ended (MongoExpiredSessionError).
 */
let mongo: EmbeddedMongo;
let client: MongoClient;
let db: Db;

beforeAll(async () => {
  mongo = await startEmbeddedMongo({ port: 0 });
  client = await MongoClient.connect(mongo.uri);
  db = client.db('runner');
});
afterAll(async () => {
  await client?.close();
  await mongo?.stop();
});

function transientError(): MongoError {
  const err = new MongoError('WriteConflict (injected)');
  err.addErrorLabel('TransientTransactionError');
  return err;
}

const notes = () => db.collection<{ _id: string; by: string }>('notes');
const tick = () => new Promise((r) => setTimeout(r, 5));

/** A branch that reads, then writes: its write starts after a sibling branch has already failed the attempt. */
async function slowBranch(attempt: Parameters<typeof inSession>[1], id: string, errors: unknown[]) {
  const coll = inSession(notes(), attempt);
  try {
    await coll.findOne({ _id: 'nothing' });
    await tick();
    await coll.insertOne({ _id: id, by: 'straggler' });
  } catch (err) {
    errors.push(err);
  }
}

test('a branch still running when its attempt failed does not write into the retried transaction', async () => {
  const errors: unknown[] = [];
  let attempts = 0;
  await runTransaction(client, async (attempt) => {
    attempts++;
    if (attempts === 1) {
      await Promise.all([slowBranch(attempt, 'late-write', errors), Promise.reject(transientError())]);
    }
    await inSession(notes(), attempt).insertOne({ _id: `attempt-${attempts}`, by: 'work' });
  });
  expect(attempts).toBe(2);
  expect(await notes().find({}).sort({ _id: 1 }).toArray()).toEqual([{ _id: 'attempt-2', by: 'work' }]);
  expect(errors).toHaveLength(1);
  expect(errors[0]).toBeInstanceOf(AttemptOverError);
});

test('a branch still running when the work failed for good never meets an ended session', async () => {
  const errors: unknown[] = [];
  let branch: Promise<void> | undefined;
  await expect(
    runTransaction(client, async (attempt) => {
      branch = slowBranch(attempt, 'after-the-end', errors);
      await Promise.all([branch, Promise.reject(new Error('refused'))]);
    }),
  ).rejects.toThrow('refused');
  await branch;
  expect(errors.map((e) => (e as Error).name)).toEqual(['AttemptOverError']);
  expect(await notes().findOne({ _id: 'after-the-end' })).toBeNull();
});

test('operations of one attempt run one at a time, in the order they were called', async () => {
  // Sent together, the first insert (the one carrying startTransaction) could arrive after the second.
  const watched = await MongoClient.connect(mongo.uri, { monitorCommands: true });
  const sent: string[] = [];
  let inFlight = 0;
  let most = 0;
  watched.on('commandStarted', (e) => {
    if (e.commandName !== 'insert' && e.commandName !== 'find') return;
    sent.push(`${e.commandName} ${JSON.stringify(e.command.documents?.[0]?._id ?? e.command.filter)}`);
    most = Math.max(most, ++inFlight);
  });
  const done = (e: { commandName: string }) => {
    if (e.commandName === 'insert' || e.commandName === 'find') inFlight--;
  };
  watched.on('commandSucceeded', done);
  watched.on('commandFailed', done);
  try {
    await runTransaction(watched, async (attempt) => {
      const coll = inSession(watched.db('runner').collection<{ _id: string; by: string }>('notes'), attempt);
      await Promise.all([coll.insertOne({ _id: 'first', by: 'work' }), coll.insertOne({ _id: 'second', by: 'work' }), coll.find({ by: 'work' }).toArray()]);
    });
  } finally {
    await watched.close();
  }
  expect(most).toBe(1);
  expect(sent).toEqual(['insert "first"', 'insert "second"', 'find {"by":"work"}']);
  expect(await notes().countDocuments({ _id: { $in: ['first', 'second'] } })).toBe(2);
});
