import { AppError, type Envelope } from '@shared';
import type { RequestDoc } from '../store/requests';
import type { Runtime } from '../runtime/types';

const WAIT_MS = 5_000;
const POLL_MS = 50;

/** The stored reply, as the first attempt's client received it. */
function replyOf(done: RequestDoc): Envelope<unknown> {
  return (done.replyJson !== undefined ? JSON.parse(done.replyJson) : done.reply) as Envelope<unknown>;
}

/**
 * Same requestId from the same caller → one effect, the same reply. The first call
 * claims the key by inserting it; a concurrent twin waits for the first reply.
 */
export async function once(rt: Runtime, key: string, work: () => Promise<Envelope<unknown>>): Promise<Envelope<unknown>> {
  const { requests } = rt.repos;
  if (!(await requests.claim(key, rt.now()))) {
    const deadline = Date.now() + WAIT_MS;
    while (Date.now() < deadline) {
      const prior = await requests.find(key);
      if (!prior) break; // the first attempt failed unexpectedly and let go: run it now
      if (prior.state === 'done') return replyOf(prior);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    const prior = await requests.find(key);
    if (prior?.state === 'done') return replyOf(prior);
    if (prior) throw new AppError('CONFLICT', '相同的请求正在处理中，请稍后再试');
    return once(rt, key, work);
  }
  const reply = await work();
  // An unexpected failure is not an answer: let a retry run it again.
  if (!reply.ok && reply.error.code === 'INTERNAL') await requests.release(key);
  else await requests.complete(key, JSON.stringify(reply));
  return reply;
}
