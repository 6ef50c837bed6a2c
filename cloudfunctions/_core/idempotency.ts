import { AppError, type Envelope } from '@shared';
import { MongoServerError } from 'mongodb';
import { collections, type RequestDoc } from './store/collections';
import type { Runtime } from './types';

const WAIT_MS = 5_000;
const POLL_MS = 50;

/** The stored reply, as the first attempt's client received it. */
function replyOf(done: RequestDoc): Envelope<unknown> {
  return (done.replyJson !== undefined ? JSON.parse(done.replyJson) : done.reply) as Envelope<unknown>;
}

function isDuplicateKey(err: unknown): boolean {
  return err instanceof MongoServerError && err.code === 11000;
}

/**
 * Same requestId from the same caller → one effect, the same reply. The first call
 * claims the key by inserting it; a concurrent twin waits for the first reply.
 */
export async function once(rt: Runtime, key: string, work: () => Promise<Envelope<unknown>>): Promise<Envelope<unknown>> {
  const { requests } = collections(rt.db);
  try {
    await requests.insertOne({ _id: key, state: 'running', createdAt: rt.now() });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const deadline = Date.now() + WAIT_MS;
    while (Date.now() < deadline) {
      const prior = await requests.findOne({ _id: key });
      if (!prior) break; // the first attempt failed unexpectedly and let go: run it now
      if (prior.state === 'done') return replyOf(prior);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    const prior = await requests.findOne({ _id: key });
    if (prior?.state === 'done') return replyOf(prior);
    if (prior) throw new AppError('CONFLICT', '相同的请求正在处理中，请稍后再试');
    return once(rt, key, work);
  }
  const reply = await work();
  if (!reply.ok && reply.error.code === 'INTERNAL') {
    // An unexpected failure is not an answer: let a retry run it again.
    await requests.deleteOne({ _id: key, state: 'running' });
  } else {
    // Kept as the JSON the client saw, so a replay is byte-for-byte the same reply; as one string it
    // costs one value to encode, decode and copy, not a document of the reply's whole shape.
    await requests.updateOne({ _id: key }, { $set: { state: 'done', replyJson: JSON.stringify(reply) } });
  }
  return reply;
}
