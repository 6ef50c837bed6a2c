import { cleanStoredText } from '@shared';
import type { AnyBulkWriteOperation, Db, Document } from 'mongodb';
import { C } from './collections';

/*
 * Since issue 11's L7, free text is refused when it holds control characters, bidi overrides or lone
 * surrogates. Text stored before that still holds them (a U+202E turns "付款 100" around on the wall),
 * so once per database every string people could have typed is cleaned as `text()` would have
 * refused it. Marked done in `meta`: a later start costs one read. Safe to interrupt (a document is
 * rewritten only where it changes, so a second run finishes the first) and to run from several
 * processes at once (both write the same cleaned text).
 */

export const TEXT_CLEAN_MARK = 'text-clean-v1';

/** Where typed text lives. Ids, hashes, tokens and bookkeeping (requests, sessions, limits) are never shown as text. */
const TYPED_TEXT = [
  C.users, C.communities, C.compounds, C.buildings, C.grids, C.partyBranches, C.units, C.wishes, C.services,
  C.messages, C.invites, C.certificates, C.stories, C.storeItems, C.redemptions, C.pointLedger, C.joinRequests,
] as const;

const BATCH = 500;

/** The value with every string cleaned, and whether anything changed (the same object when nothing did). */
function cleaned(value: unknown): { value: unknown; changed: boolean } {
  if (typeof value === 'string') {
    const c = cleanStoredText(value);
    return { value: c, changed: c !== value };
  }
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v) => {
      const r = cleaned(v);
      changed ||= r.changed;
      return r.value;
    });
    return changed ? { value: out, changed } : { value, changed };
  }
  // Plain documents only: dates, ObjectIds and binaries are not text.
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = cleaned(v);
      changed ||= r.changed;
      out[k] = r.value;
    }
    return changed ? { value: out, changed } : { value, changed };
  }
  return { value, changed: false };
}

/** Cleans the text stored before L7; returns how many documents changed (0 once the mark is set). */
export async function cleanStoredTexts(db: Db): Promise<number> {
  const meta = db.collection<{ _id: string; state: string; at: Date }>(C.meta);
  if (await meta.findOne({ _id: TEXT_CLEAN_MARK })) return 0;
  let changedDocs = 0;
  for (const name of TYPED_TEXT) {
    const coll = db.collection<Document>(name);
    let ops: AnyBulkWriteOperation<Document>[] = [];
    for await (const doc of coll.find({})) {
      const { _id, ...rest } = doc;
      const r = cleaned(rest);
      if (!r.changed) continue;
      // Only the top-level fields that changed, so a write racing this one elsewhere in the document survives.
      const set: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(r.value as Record<string, unknown>)) if (v !== rest[k]) set[k] = v;
      ops.push({ updateOne: { filter: { _id }, update: { $set: set } } });
      if (ops.length >= BATCH) {
        changedDocs += (await coll.bulkWrite(ops, { ordered: false })).modifiedCount;
        ops = [];
      }
    }
    if (ops.length) changedDocs += (await coll.bulkWrite(ops, { ordered: false })).modifiedCount;
  }
  await meta.updateOne({ _id: TEXT_CLEAN_MARK }, { $setOnInsert: { state: 'done', at: new Date() } }, { upsert: true });
  return changedDocs;
}
