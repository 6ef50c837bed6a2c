import { createHash } from 'node:crypto';
import type { Db } from 'mongodb';

/** Collections that keep the books of a call rather than the product's state (a refusal may touch them: every call counts against its rate limit). */
export const BOOKKEEPING = new Set(['requests', 'wx_sessions', 'auth_sessions', 'meta', 'rate_limits', 'request_runs', 'leases']);

/** A hash per collection of everything in it: equal before and after means nothing was written. */
export async function fingerprint(db: Db): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const { name } of await db.listCollections().toArray()) {
    if (BOOKKEEPING.has(name)) continue;
    const docs = await db.collection(name).find({}).sort({ _id: 1 }).toArray();
    out[name] = createHash('sha1').update(JSON.stringify(docs)).digest('hex');
  }
  return out;
}
