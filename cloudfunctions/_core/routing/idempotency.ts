import { AppError, type Envelope } from '@shared';
import type { RequestDoc } from '../store/requests';
import type { Runtime } from '../runtime/types';

const WAIT_MS = 5_000;
const POLL_MS = 50;
/**
 * How long a run holds its requestId. Past it the run is taken for dead (a crash between claiming the key and
 * recording the reply) and a retry runs the work again. Safe even when the first run's write did commit: every
 * state change matches the wish revision it was decided on, so the re-run decides on the new state and answers
 * from it (the step already taken: the wish as it is, or the refusal a second attempt gets), never writing twice.
 */
export const LEASE_MS = 30_000;

/** The stored reply, as the first attempt's client received it. */
function replyOf(done: RequestDoc): Envelope<unknown> {
  return (done.replyJson !== undefined ? JSON.parse(done.replyJson) : done.reply) as Envelope<unknown>;
}

/**
 * Same requestId from the same caller → one effect, the same reply. The first call
 * claims the key by inserting it; a concurrent twin waits for the first reply. A key
 * left running by a crash is free again once its lease (`LEASE_MS`) has run out.
 */
export async function once(rt: Runtime, key: string, work: () => Promise<Envelope<unknown>>): Promise<Envelope<unknown>> {
  const { requests } = rt.repos;
  if (!(await requests.claim(key, rt.now(), LEASE_MS))) {
    const deadline = Date.now() + WAIT_MS;
    while (Date.now() < deadline) {
      const prior = await requests.find(key);
      if (!prior) break; // the first attempt failed unexpectedly and let go: run it now
      if (prior.state === 'done') return replyOf(prior);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    const prior = await requests.find(key);
    if (prior?.state === 'done') return replyOf(prior);
    if (!prior) return once(rt, key, work);
    // Past its lease the earlier run is taken for dead and this one runs the work; within it, a live twin.
    if (await requests.claim(key, rt.now(), LEASE_MS)) return settle(rt, key, work);
    const last = await requests.find(key);
    if (last?.state === 'done') return replyOf(last);
    throw new AppError('CONFLICT', '相同的请求正在处理中，请稍后再试');
  }
  return settle(rt, key, work);
}

/** Runs the work under a claimed key and records its reply. */
async function settle(rt: Runtime, key: string, work: () => Promise<Envelope<unknown>>): Promise<Envelope<unknown>> {
  const { requests } = rt.repos;
  const reply = await work();
  // An unexpected failure is not an answer: let a retry run it again.
  if (!reply.ok && reply.error.code === 'INTERNAL') await requests.release(key);
  else await requests.complete(key, JSON.stringify(reply));
  return reply;
}
