import { mergeTally, roundCount, statDay, statHour, type StatDim, type StatFact, type Tally } from '@shared';
import type { AnyBulkWriteOperation, Collection, Filter } from 'mongodb';

/**
 * The statistics kept as they happen: per community, one document per China day and one per month, each the sum of
 * the facts (shared/stats) dated in it, split by dim and key (`n.<dim>.<key>.<field>`). Written with each event, in
 * its transaction; a window's numbers then read a handful of these documents, however many wishes there are.
 */
export interface StatCounterDoc {
  _id: string;
  communityId: string;
  /** 'd': a China day, period 'YYYY-MM-DD'; 'm': a China month, period 'YYYY-MM'. */
  grain: 'd' | 'm';
  period: string;
  n: Tally;
  /**
   * A day's sums again, hour by hour ('00'–'23', China time): a window that starts or ends inside a day reads its
   * whole hours here, and only the minutes before its first whole hour and after its last from the events.
   */
  h?: Record<string, Tally>;
}

/** A run of whole days, both ends open or a day 'YYYY-MM-DD' (to: exclusive). */
export interface DaySpan { from?: string; to?: string }

const idOf = (communityId: string, period: string) => `${communityId}|${period}`;

/** The counter documents a set of facts falls in, with the sum of the facts for each. */
export function countersOf(facts: readonly StatFact[], sign: 1 | -1 = 1): Map<string, Omit<StatCounterDoc, '_id'>> {
  const docs = new Map<string, Omit<StatCounterDoc, '_id'>>();
  for (const f of facts) {
    const day = statDay(f.at);
    const fact: Tally = { [f.dim]: { [f.key]: { [f.field]: sign * f.n } } };
    for (const [grain, period] of [['d', day], ['m', day.slice(0, 7)]] as const) {
      const id = idOf(f.communityId, period);
      let doc = docs.get(id);
      if (!doc) docs.set(id, (doc = { communityId: f.communityId, grain, period, n: {}, ...(grain === 'd' ? { h: {} } : {}) }));
      mergeTally(doc.n, fact);
      if (doc.h) mergeTally((doc.h[statHour(f.at)] ??= {}), fact);
    }
  }
  return docs;
}

/** Every number of a tally as `dim.key.field` → n (after `prefix`): what $inc is given, and what the rebuild compares. */
export function flatten(t: Tally, prefix = '', out = new Map<string, number>()): Map<string, number> {
  for (const [dim, keys] of Object.entries(t)) {
    for (const [key, row] of Object.entries(keys ?? {})) {
      for (const [field, n] of Object.entries(row)) out.set(`${prefix}${dim}.${key}.${field}`, n as number);
    }
  }
  return out;
}

/** Every number of a counter document: its sums as `dim.key.field`, its hours' as `h.<hour>.dim.key.field`. */
export function flattenCounter(doc: Pick<StatCounterDoc, 'n' | 'h'>): Map<string, number> {
  const out = flatten(doc.n ?? {});
  for (const [hour, t] of Object.entries(doc.h ?? {})) flatten(t, `h.${hour}.`, out);
  return out;
}

/** The $inc path of a number flattenCounter names. */
const incPath = (path: string) => (path.startsWith('h.') ? path : `n.${path}`);

export class StatCounterRepository {
  constructor(private readonly coll: Collection<StatCounterDoc>) {}

  /** Adds the facts (taken away with sign -1); nothing to write when they cancel out. */
  async add(facts: readonly StatFact[], sign: 1 | -1 = 1): Promise<void> {
    const ops: AnyBulkWriteOperation<StatCounterDoc>[] = [];
    for (const [id, doc] of countersOf(facts, sign)) {
      const inc = Object.fromEntries([...flattenCounter(doc)].filter(([, n]) => roundCount(n) !== 0).map(([path, n]) => [incPath(path), n]));
      if (Object.keys(inc).length === 0) continue;
      ops.push({
        updateOne: { filter: { _id: id }, update: { $inc: inc, $setOnInsert: { communityId: doc.communityId, grain: doc.grain, period: doc.period } }, upsert: true },
      });
    }
    if (ops.length) await this.coll.bulkWrite(ops, { ordered: true });
  }

  /**
   * The counters of these communities over whole days, summed: whole months from the month documents, the days
   * before and after them from the day documents. `dims`: the splits wanted (the others are not read).
   */
  async sum(communityIds: string[], span: DaySpan, dims: readonly StatDim[]): Promise<Tally> {
    const projection = Object.fromEntries(dims.map((d) => [`n.${d}`, 1]));
    const docs = await this.coll.find({ communityId: { $in: communityIds }, $or: periodsOf(span) } as Filter<StatCounterDoc>, { projection }).toArray();
    const total: Tally = {};
    for (const d of docs) mergeTally(total, d.n ?? {});
    return total;
  }

  /** The counters of these communities over whole hours of one China day (`hours`: '00'–'23'), summed. */
  async sumHours(communityIds: string[], day: string, hours: readonly string[], dims: readonly StatDim[]): Promise<Tally> {
    if (hours.length === 0) return {};
    const projection = Object.fromEntries(hours.flatMap((hour) => dims.map((d) => [`h.${hour}.${d}`, 1])));
    const docs = await this.coll.find({ _id: { $in: communityIds.map((c) => idOf(c, day)) } }, { projection }).toArray();
    const total: Tally = {};
    for (const d of docs) for (const t of Object.values(d.h ?? {})) mergeTally(total, t);
    return total;
  }

  /** The month periods with counters in a span: what a breakdown by month lists. */
  async months(communityIds: string[], span: DaySpan): Promise<string[]> {
    const range = { ...(span.from ? { $gte: span.from.slice(0, 7) } : {}), ...(span.to ? { $lte: span.to.slice(0, 7) } : {}) };
    const filter = { communityId: { $in: communityIds }, grain: 'm', ...(Object.keys(range).length ? { period: range } : {}) } as Filter<StatCounterDoc>;
    return [...new Set(await this.coll.distinct('period', filter))].sort();
  }

  /** Every counter document, a page at a time in _id order: what the rebuild compares. */
  async *all(batch = 1000): AsyncGenerator<StatCounterDoc[]> {
    let after: string | null = null;
    for (;;) {
      const page: StatCounterDoc[] = await this.coll.find(after === null ? {} : { _id: { $gt: after } }).sort({ _id: 1 }).limit(batch).toArray();
      if (page.length === 0) return;
      yield page;
      after = page[page.length - 1]._id;
    }
  }

  /** Sets documents to what the rebuild found, and removes those it found nothing for. */
  async replace(docs: StatCounterDoc[], remove: string[]): Promise<void> {
    const ops: AnyBulkWriteOperation<StatCounterDoc>[] = [
      ...docs.map((d) => ({ replaceOne: { filter: { _id: d._id }, replacement: d, upsert: true } })),
      ...remove.map((id) => ({ deleteOne: { filter: { _id: id } } })),
    ];
    if (ops.length) await this.coll.bulkWrite(ops, { ordered: false });
  }

  async isEmpty(): Promise<boolean> {
    return (await this.coll.findOne({}, { projection: { _id: 1 } })) === null;
  }
}

const nextMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};
/** A grain's periods from (inclusive) to (exclusive), either end open. */
const periods = (grain: 'd' | 'm', from?: string, to?: string): Filter<StatCounterDoc> =>
  from || to ? { grain, period: { ...(from ? { $gte: from } : {}), ...(to ? { $lt: to } : {}) } } : { grain };

/** The counter documents covering a span of whole days: its whole months, and the days outside them. */
export function periodsOf(span: DaySpan): Filter<StatCounterDoc>[] {
  // The first month wholly inside, and the month the span ends in (its days before `to` are read day by day).
  const firstMonth = span.from ? (span.from.endsWith('-01') ? span.from.slice(0, 7) : nextMonth(span.from.slice(0, 7))) : undefined;
  const endMonth = span.to?.slice(0, 7);
  if (firstMonth && endMonth && firstMonth >= endMonth) return [periods('d', span.from, span.to)];
  const out: Filter<StatCounterDoc>[] = [periods('m', firstMonth, endMonth)];
  if (span.from && firstMonth && span.from.slice(0, 7) !== firstMonth) out.push(periods('d', span.from, `${firstMonth}-01`));
  if (span.to && endMonth && span.to !== `${endMonth}-01`) out.push(periods('d', `${endMonth}-01`, span.to));
  return out;
}
