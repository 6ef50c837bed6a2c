import { AppError, SupervisionActions, Wish, normalizeWishNumber, slotsFree, type Category, type EscalationLevel, type GeoPoint, type Priority, type WishChange, type WishState } from '@shared';
import type { Collection, Document, Filter, UpdateFilter } from 'mongodb';
import { nextCursor, pageFilter } from './page';
import { storedBy } from './stored';
import type { WishDoc, WishEventDoc } from './types';
import { rangeMatch, type Range } from './range';

/** A page of wishes, newest first, and where the next page starts. */
export interface WishPage {
  items: WishDoc[];
  nextCursor?: string;
}

export interface PageQuery {
  cursor?: string;
  limit: number;
  status?: WishState;
}

/** Facts the domain does not decide but storage keeps beside a change (a grid derived from a building). */
export interface StoredExtra {
  set?: Partial<Pick<WishDoc, 'gridId'>>;
  unset?: 'gridId'[];
}

/** Lists leave out the timeline: it is the bulk of a wish and only the detail shows it. */
const WITHOUT_EVENTS = { projection: { events: 0 } } as const;
const WAITING: WishState[] = ['open', 'assigned'];
const WishPatch = Wish.partial();

function scopeFilter(scope: { communityIds: string[]; gridIds?: string[] }): Filter<WishDoc> {
  const filter: Filter<WishDoc> = { communityId: { $in: scope.communityIds } };
  if (scope.gridIds) filter.gridId = { $in: scope.gridIds };
  return filter;
}

/** The wishes collection: every query and write of a wish, and nothing else, goes through here. */
export class WishRepository {
  constructor(private readonly coll: Collection<WishDoc>) {}

  async find(id: string): Promise<WishDoc | null> {
    return this.coll.findOne({ _id: id });
  }

  /** The states of these wishes (a wish not found is left out). */
  async statusesOf(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.coll.find({ _id: { $in: ids } }, { projection: { status: 1 } }).toArray();
    return new Map(rows.map((w) => [w._id, w.status]));
  }

  /** The numbers (心愿编号) of these wishes; one without a number, or not found, is left out. */
  async numbersOf(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.coll.find({ _id: { $in: ids }, number: { $type: 'string' } }, { projection: { number: 1 } }).toArray();
    return new Map(rows.map((w) => [w._id, w.number!]));
  }

  async load(id: string): Promise<WishDoc> {
    const wish = await this.find(id);
    if (!wish) throw new AppError('NOT_FOUND', '心愿不存在');
    return wish;
  }

  async insert(wish: WishDoc): Promise<void> {
    await this.coll.insertOne(wish);
  }

  /** 心愿编号: the wish of one of these communities with this number (stored form, shared/wishNumber). */
  async byNumber(communityIds: string[], number: string): Promise<WishDoc | null> {
    return this.coll.findOne({ communityId: { $in: communityIds }, number }, WITHOUT_EVENTS);
  }

  /** Wishes stored before numbers, oldest first (created time, then id): what the start-up migration numbers. */
  async unnumbered(limit: number): Promise<Pick<WishDoc, '_id' | 'communityId' | 'createdAt'>[]> {
    return this.coll
      .find({ number: { $exists: false } }, { projection: { _id: 1, communityId: 1, createdAt: 1 } })
      .sort({ createdAt: 1, _id: 1 })
      .limit(limit)
      .toArray();
  }

  /** Which of these still have no number, in the order given. */
  async unnumberedAmong(ids: string[]): Promise<string[]> {
    const rows = await this.coll.find({ _id: { $in: ids }, number: { $exists: false } }, { projection: { _id: 1 } }).toArray();
    const left = new Set(rows.map((r) => r._id));
    return ids.filter((id) => left.has(id));
  }

  /**
   * Gives a wish stored before numbers its number, unless it has one. Not a step of the wish: no event, no new
   * revision, no new `updatedAt` (the announcement repair reads by that), so nothing in flight is disturbed.
   */
  async setNumber(id: string, number: string): Promise<void> {
    await this.coll.updateOne({ _id: id, number: { $exists: false } }, { $set: { number } });
  }

  /**
   * Writes a decided step: `$set` the change, `$push` the event, bump the revision, all matching
   * the revision it was decided on. null: someone else wrote first; read again and decide again.
   * The free-place counter the claim filter tests is kept here, from the claims and places after.
   */
  async write(wish: WishDoc, change: WishChange, event: WishEventDoc, extra: StoredExtra = {}): Promise<WishDoc | null> {
    const $set: Document = { ...storedBy(WishPatch, change.set), ...extra.set };
    if ('claims' in change.set || 'helpersNeeded' in change.set) {
      $set.slotsFree = slotsFree({ claims: change.set.claims ?? wish.claims, helpersNeeded: change.set.helpersNeeded ?? wish.helpersNeeded });
    }
    const unset = [...change.unset, ...(extra.unset ?? [])].filter((k) => !(k in $set));
    const update: UpdateFilter<WishDoc> = { $set, $push: { events: event }, $inc: { rev: 1 } };
    if (unset.length) update.$unset = Object.fromEntries(unset.map((k) => [k, '']));
    // Wishes stored before revisions existed have none: null matches a missing field.
    return this.coll.findOneAndUpdate({ _id: wish._id, rev: wish.rev ?? null } as Filter<WishDoc>, update, { returnDocument: 'after' });
  }

  private async page(filter: Filter<WishDoc>, q: PageQuery): Promise<WishPage> {
    const f: Filter<WishDoc> = { ...filter, ...pageFilter<WishDoc>(q.cursor) };
    if (q.status) f.status = q.status;
    const items = await this.coll.find(f, WITHOUT_EVENTS).sort({ _id: -1 }).limit(q.limit).toArray();
    return { items, nextCursor: nextCursor(items, q.limit) };
  }

  /** A resident's wishes: posted by them, entered on their behalf, or posted for them by family (时间银行). */
  ownedBy(userId: string, q: PageQuery): Promise<WishPage> {
    return this.page({ $or: [{ ownerId: userId }, { 'beneficiary.userId': userId }] }, q);
  }

  /** What a helper holds or was dispatched: their claims, assignments to them, and (for a unit admin) their unit's. */
  heldBy(communityId: string, userId: string, unit: { id: string; admin: boolean; townId?: string } | undefined, q: PageQuery): Promise<WishPage> {
    const mine: Filter<WishDoc>[] = [
      { 'claims.claimerId': userId },
      { 'claims.assigneeId': userId },
      { status: 'assigned', 'assignment.target.kind': 'user', 'assignment.target.id': userId },
    ];
    if (!unit) return this.page({ communityId, $or: mine }, q);
    // The admin holds all the unit's work; a member what was handed to them.
    const ofUnit: Filter<WishDoc>[] = unit.admin
      ? [{ 'claims.unitId': unit.id }, { status: 'assigned', 'assignment.target.kind': 'unit', 'assignment.target.id': unit.id }]
      : [{ claims: { $elemMatch: { unitId: unit.id, assigneeId: userId } } }];
    mine.push(...ofUnit);
    if (!unit.townId) return this.page({ communityId, $or: mine }, q);
    // A town- or county-level unit also holds what the town's 督办 sent it in the town's other communities (and no further).
    return this.page({ $or: [{ communityId, $or: mine }, { townId: unit.townId, $or: ofUnit }] }, q);
  }

  /**
   * The wishes where this person holds an unfinished place or waits as the one dispatched to (shared/lifecycle
   * `workOf`, `dispatchedTo`) through their membership of `communityId`: everything of that community, and the places
   * of their co-building unit (`unitId`) handed to them anywhere (a town- or county-level unit also serves the town's
   * other communities). What goes back to the pool when that membership is deactivated; what they hold through a
   * membership of another community (where they live and volunteer, say) is not.
   */
  workHeldVia(communityId: string, userId: string, unitId: string | undefined, limit: number): Promise<WishDoc[]> {
    const open = { completedAt: { $exists: false } };
    return this.coll
      .find({
        status: { $in: ['assigned', 'open', 'claimed', 'in_progress'] },
        $or: [
          { communityId, claims: { $elemMatch: { assigneeId: userId, ...open } } },
          { communityId, claims: { $elemMatch: { claimerId: userId, kind: 'user', ...open } } },
          { communityId, 'assignment.target.kind': 'user', 'assignment.target.id': userId },
          ...(unitId ? [{ claims: { $elemMatch: { unitId, assigneeId: userId, ...open } } }] : []),
        ],
      })
      .limit(limit)
      .toArray();
  }

  /** The wishes dispatched to this unit that nobody of it has accepted yet, wherever they are (the town's 督办 sends town-level units to other communities). */
  waitingForUnit(unitId: string, limit: number): Promise<WishDoc[]> {
    return this.coll.find({ status: 'assigned', 'assignment.target.kind': 'unit', 'assignment.target.id': unitId }).limit(limit).toArray();
  }

  /** The units some wish waits dispatched to, not yet accepted (the timer's repair asks each whether anyone answers for it). */
  async unitsWaitedFor(): Promise<string[]> {
    return (await this.coll.distinct('assignment.target.id', { status: 'assigned', 'assignment.target.kind': 'unit' })) as string[];
  }

  /** How many unfinished wishes a person holds or was dispatched, in any community: their load. */
  openLoadOf(userId: string): Promise<number> {
    return this.coll.countDocuments({
      status: { $in: ['assigned', 'claimed', 'in_progress'] },
      $or: [
        { 'claims.claimerId': userId },
        { 'claims.assigneeId': userId },
        { 'assignment.target.kind': 'user', 'assignment.target.id': userId },
      ],
    });
  }

  /** The load (as `openLoadOf` counts it) of each of these people; absent ones hold nothing. */
  async openLoadsOf(userIds: string[]): Promise<Map<string, number>> {
    const loads = new Map<string, number>();
    if (userIds.length === 0) return loads;
    const wishes = await this.coll
      .find(
        {
          status: { $in: ['assigned', 'claimed', 'in_progress'] },
          $or: [{ 'claims.claimerId': { $in: userIds } }, { 'claims.assigneeId': { $in: userIds } }, { 'assignment.target.kind': 'user', 'assignment.target.id': { $in: userIds } }],
        },
        { projection: { claims: 1, assignment: 1 } },
      )
      .toArray();
    const wanted = new Set(userIds);
    for (const w of wishes) {
      const holders = new Set([...w.claims.flatMap((c) => [c.claimerId, c.assigneeId]), ...(w.assignment?.target.kind === 'user' ? [w.assignment.target.id] : [])]);
      for (const id of holders) if (wanted.has(id)) loads.set(id, (loads.get(id) ?? 0) + 1);
    }
    return loads;
  }

  /** Unfinished wishes each of these units holds or was dispatched (a unit's load); absent ones hold nothing. */
  async openUnitLoadsOf(unitIds: string[]): Promise<Map<string, number>> {
    const loads = new Map<string, number>();
    if (unitIds.length === 0) return loads;
    const wishes = await this.coll
      .find(
        { status: { $in: ['assigned', 'claimed', 'in_progress'] }, $or: [{ 'claims.unitId': { $in: unitIds } }, { 'assignment.target.kind': 'unit', 'assignment.target.id': { $in: unitIds } }] },
        { projection: { claims: 1, assignment: 1 } },
      )
      .toArray();
    const wanted = new Set(unitIds);
    for (const w of wishes) {
      const holders = new Set([...w.claims.flatMap((c) => (c.unitId ? [c.unitId] : [])), ...(w.assignment?.target.kind === 'unit' ? [w.assignment.target.id] : [])]);
      for (const id of holders) if (wanted.has(id)) loads.set(id, (loads.get(id) ?? 0) + 1);
    }
    return loads;
  }

  /** The review queue of a community, or of some of its grids. */
  queue(communityId: string, grids: string[] | undefined, q: PageQuery & { status: WishState }): Promise<WishPage> {
    const filter: Filter<WishDoc> = { communityId };
    if (grids) filter.gridId = { $in: grids };
    return this.page(filter, q);
  }

  /** 全部心愿: the wishes of some communities (of some grids) in one state, newest first. */
  ofScope(scope: { communityIds: string[]; gridIds?: string[] }, q: PageQuery & { status: WishState }): Promise<WishPage> {
    return this.page(scopeFilter(scope), q);
  }

  /** How many wishes of these communities (grids) are in each state. */
  async countsByStatus(scope: { communityIds: string[]; gridIds?: string[] }): Promise<Map<string, number>> {
    const rows = await this.coll.aggregate<{ _id: string; n: number }>([{ $match: scopeFilter(scope) }, { $group: { _id: '$status', n: { $sum: 1 } } }]).toArray();
    return new Map(rows.map((r) => [r._id, r.n]));
  }

  /**
   * The community's open 督办 items: wishes the town urged, reassigned here or dispatched that nobody has taken on yet
   * (in review or waiting; a claim, a rejection or a cancellation closes them), with their timeline for the acts.
   */
  supervised(communityId: string, grids: string[] | undefined, q: PageQuery): Promise<WishPage> {
    const filter: Filter<WishDoc> = { communityId, status: { $in: ['pending_review', ...WAITING] }, 'events.action': { $in: [...SupervisionActions] } };
    if (grids) filter.gridId = { $in: grids };
    return this.pageWithEvents(filter, q);
  }

  private async pageWithEvents(filter: Filter<WishDoc>, q: PageQuery): Promise<WishPage> {
    const items = await this.coll.find({ ...filter, ...pageFilter<WishDoc>(q.cursor) }).sort({ _id: -1 }).limit(q.limit).toArray();
    return { items, nextCursor: nextCursor(items, q.limit) };
  }

  /** The timeline of each of these wishes that the town has supervised, by id (the others are left out). */
  async supervisedEvents(ids: string[]): Promise<Map<string, WishDoc['events']>> {
    if (ids.length === 0) return new Map();
    const docs = await this.coll.find({ _id: { $in: ids }, 'events.action': { $in: [...SupervisionActions] } }, { projection: { events: 1 } }).toArray();
    return new Map(docs.map((d) => [d._id, d.events]));
  }

  /**
   * The wishes still in play (waiting for a helper or held by one) of these communities, or of some of their
   * grids: only the fields given, most recently opened first, at most `limit` (the grid map).
   */
  inPlay<T>(q: { communityIds: string[]; gridIds?: string[]; category?: Category; states: readonly WishState[] }, fields: readonly string[], limit: number): Promise<(T & { _id: string })[]> {
    const filter: Filter<WishDoc> = { communityId: { $in: q.communityIds }, status: { $in: [...q.states] } };
    if (q.gridIds) filter.gridId = { $in: q.gridIds };
    if (q.category) filter.category = q.category;
    const projection = Object.fromEntries(fields.map((f) => [f, 1]));
    return this.coll.find(filter, { projection }).sort({ openedAt: -1, _id: -1 }).limit(limit).toArray() as unknown as Promise<(T & { _id: string })[]>;
  }

  /** Waiting wishes raised past the community's limits, of one community or of a town. */
  escalated(scope: { communityId: string } | { townId: string }, level: EscalationLevel | undefined, q: PageQuery): Promise<WishPage> {
    const filter: Filter<WishDoc> = { ...scope, status: { $in: WAITING }, escalation: { $exists: true } };
    if (level) filter['escalation.level'] = level;
    return this.page(filter, q);
  }

  /**
   * Open wishes with a free place near a point, nearest first, with their distance: only the
   * fields given (the hall is the busiest read, and whole wishes cost the driver far more to decode).
   */
  async nearby<T>(
    at: GeoPoint,
    q: { communityId: string; radiusM: number; limit: number; category?: Category; priority?: Priority; notOwnedOrClaimedBy: string },
    fields: readonly string[],
  ): Promise<(T & { _id: string; distanceM: number })[]> {
    const query: Filter<WishDoc> = {
      communityId: q.communityId,
      status: 'open',
      slotsFree: { $gt: 0 },
      ownerId: { $ne: q.notOwnedOrClaimedBy },
      'claims.claimerId': { $ne: q.notOwnedOrClaimedBy },
    };
    if (q.category) query.category = q.category;
    if (q.priority) query.priority = q.priority;
    return this.near<T>(at, query, q.radiusM, q.limit, fields);
  }

  /** Live wishes of a category posted near a point since a time: the "someone already asked" hint. */
  async similar<T>(at: GeoPoint, q: { communityId: string; category: Category; since: Date; states: WishState[]; radiusM: number; limit: number }, fields: readonly string[]) {
    const query: Filter<WishDoc> = { communityId: q.communityId, category: q.category, status: { $in: q.states }, createdAt: { $gte: q.since } };
    return this.near<T>(at, query, q.radiusM, q.limit, fields);
  }

  private near<T>(at: GeoPoint, query: Filter<WishDoc>, radiusM: number, limit: number, fields: readonly string[]) {
    return this.coll
      .aggregate<T & { _id: string; distanceM: number }>([
        { $geoNear: { near: at, distanceField: 'distanceM', maxDistance: radiusM, spherical: true, key: 'location', query } },
        { $limit: limit },
        { $project: Object.fromEntries([...fields, 'distanceM'].map((f) => [f, 1])) },
      ])
      .toArray();
  }

  /** Wishes holding a claim not yet started whose lease ran out by `now` (a started claim's lease no longer binds). */
  dueLeases(now: Date, limit: number): Promise<WishDoc[]> {
    return this.coll
      .find({ status: { $in: ['open', 'claimed', 'in_progress'] }, claims: { $elemMatch: { leaseUntil: { $lte: now }, startedAt: { $exists: false } } } })
      .limit(limit)
      .toArray();
  }

  /** Waiting wishes never raised and waiting since before `secretaryBefore`, or raised once and waiting since before `townBefore`. */
  dueEscalations(secretaryBefore: Date, townBefore: Date, limit: number, only: Filter<WishDoc> = {}): Promise<WishDoc[]> {
    return this.coll
      .find({
        ...only,
        status: { $in: WAITING },
        $or: [
          { escalation: { $exists: false }, openedAt: { $lte: secretaryBefore } },
          { 'escalation.level': 'secretary', openedAt: { $lte: townBefore } },
        ],
      })
      .limit(limit)
      .toArray();
  }

  /** Done wishes finished before `doneBefore`: candidates for auto-confirm. */
  doneBefore(doneBefore: Date, limit: number): Promise<WishDoc[]> {
    return this.coll.find({ status: 'done', doneAt: { $lte: doneBefore } }).limit(limit).toArray();
  }

  /** Wishes changed since a time, oldest change first: where steps not yet announced can be. */
  changedSince(since: Date, limit: number): Promise<WishDoc[]> {
    return this.coll.find({ updatedAt: { $gte: since } }).sort({ updatedAt: 1 }).limit(limit).toArray();
  }

  /**
   * Which of these uploaded files (`/files/…`) some wish still shows: on its timeline, or the photos and voice note it
   * was posted with. One read: MongoDB answers each branch of the `$or` from its own (sparse) index.
   */
  async photosInUse(urls: string[]): Promise<Set<string>> {
    const holders = await this.coll
      .find({ $or: [{ 'events.photos': { $in: urls } }, { photos: { $in: urls } }, { 'voice.url': { $in: urls } }] }, { projection: { 'events.photos': 1, photos: 1, 'voice.url': 1 } })
      .toArray();
    return new Set(holders.flatMap((w) => [...(w.events ?? []).flatMap((e) => e.photos ?? []), ...(w.photos ?? []), ...(w.voice ? [w.voice.url] : [])]));
  }

  /** How many wishes the person entered in [since, until], counting no further than `limit` (all a rate limit needs to know). */
  postedBetween(userId: string, since: Date, until: Date, limit: number): Promise<number> {
    return this.coll.countDocuments({ createdBy: userId, createdAt: { $gte: since, $lte: until } }, { limit });
  }

  /** Per status, the wishes posted in these communities over a window and how many of them reached each step. */
  /** The grid of each of these wishes (none: not in a grid). */
  /** When these wishes were confirmed (if they were) and their grids: what their service records are stamped with. */
  async confirmationsOf(ids: string[]): Promise<Map<string, { confirmedAt?: Date; gridId?: string }>> {
    if (ids.length === 0) return new Map();
    const docs = await this.coll.find({ _id: { $in: ids } }, { projection: { status: 1, confirmedAt: 1, gridId: 1 } }).toArray();
    return new Map(docs.map((w) => [w._id, { ...(w.status === 'confirmed' && w.confirmedAt ? { confirmedAt: w.confirmedAt } : {}), ...(w.gridId ? { gridId: w.gridId } : {}) }]));
  }

  async gridsOf(ids: string[]): Promise<Map<string, string | undefined>> {
    if (ids.length === 0) return new Map();
    const docs = await this.coll.find({ _id: { $in: ids } }, { projection: { gridId: 1 } }).toArray();
    return new Map(docs.map((w) => [w._id, w.gridId]));
  }

  /** The wishes with a counted step (their posting too) in an interval: what part of a day counts from (stats/counters). */
  countedIn(communityIds: string[], part: { from: Date; to: Date }): Promise<CountedWishDoc[]> {
    return this.coll
      .find<CountedWishDoc>(
        // One event both counted and inside the part: every fact of a wish is dated by such an event, and $elemMatch
        // lets the index on (communityId, events.action, events.at) bound the time from both ends.
        { communityId: { $in: communityIds }, events: { $elemMatch: { action: { $in: [...COUNTED_ACTIONS] }, at: { $gte: part.from, $lt: part.to } } } },
        { projection: COUNTED_FIELDS },
      )
      .toArray();
  }

  /** Every wish as its statistics read it, a page at a time in _id order: what the counters are rebuilt from. */
  async *allCounted(batch = 1000): AsyncGenerator<CountedWishDoc[]> {
    let after: string | null = null;
    for (;;) {
      const page: CountedWishDoc[] = await this.coll.find<CountedWishDoc>(after === null ? {} : { _id: { $gt: after } }, { projection: COUNTED_FIELDS }).sort({ _id: 1 }).limit(batch).toArray();
      if (page.length === 0) return;
      yield page;
      after = page[page.length - 1]._id;
    }
  }

  /** The ledger: wishes posted over a window, oldest first, up to `limit`, without the timeline and the description. */
  ledger(communityIds: string[], range: Range, limit: number): Promise<Omit<WishDoc, 'events' | 'description'>[]> {
    return this.coll
      .find({ communityId: { $in: communityIds }, ...rangeMatch('createdAt', range) }, { projection: { events: 0, description: 0 } })
      .sort({ _id: 1 })
      .limit(limit)
      .toArray();
  }

  /**
   * A page of the public wall, most recently realised first (`doneAt`, then id; the cursor is
   * `<doneAt ms>:<id>`): wishes of these states and categories, never with the timeline, a phone,
   * an address, the description or the beneficiary (not even to the server's own code). `except`: wishes
   * shown another way (by their published story).
   */
  async wall(communityId: string, q: { states: readonly WishState[]; categories: readonly Category[]; cursor?: string; limit: number; except?: string[] }): Promise<{ items: WallDoc[]; nextCursor?: string }> {
    const filter: Filter<WishDoc> = { communityId, status: { $in: [...q.states] }, category: { $in: [...q.categories] }, doneAt: { $exists: true } };
    if (q.except?.length) filter._id = { $nin: q.except };
    const [ms, id] = (q.cursor ?? '').split(':');
    if (q.cursor && id && /^\d+$/.test(ms)) {
      const at = new Date(Number(ms));
      filter.$or = [{ doneAt: { $lt: at } }, { doneAt: at, _id: { $lt: id } }];
    }
    const items = await this.coll
      .find<WallDoc>(filter, { projection: { events: 0, contactPhone: 0, address: 0, description: 0, beneficiary: 0, progress: 0 } })
      .sort({ doneAt: -1, _id: -1 })
      .limit(q.limit)
      .toArray();
    const last = items.length === q.limit ? items[items.length - 1] : undefined;
    return { items, nextCursor: last ? `${new Date(last.doneAt as Date).getTime()}:${last._id}` : undefined };
  }

  /**
   * Open311's request list (open311.requests): the community's wishes in these states and categories, by id (or 心愿编号) or
   * posted within [from, to], newest first, a page at a time. What is public the caller decides; nothing a
   * request never shows is loaded (timeline, free text, contact, beneficiary, completion photos).
   */
  async open311(
    communityId: string,
    q: { states: readonly WishState[]; categories: readonly Category[]; ids?: readonly string[]; from?: Date; to?: Date; skip: number; limit: number },
  ): Promise<Open311Doc[]> {
    const filter: Filter<WishDoc> = { communityId, status: { $in: [...q.states] }, category: { $in: [...q.categories] } };
    // By id or by 心愿编号 (stored form): a request's id is its number when it has one.
    if (q.ids) filter.$or = [{ _id: { $in: [...q.ids] } }, { number: { $in: q.ids.flatMap((id) => normalizeWishNumber(id) ?? []) } }];
    if (q.from || q.to) filter.createdAt = { ...(q.from ? { $gte: q.from } : {}), ...(q.to ? { $lte: q.to } : {}) };
    return this.coll
      .find<Open311Doc>(filter, { projection: OPEN311_HIDDEN })
      .sort({ createdAt: -1, _id: -1 })
      .skip(q.skip)
      .limit(q.limit)
      .toArray();
  }
}

/** The steps a statistic counts (shared/stats `wishFacts`); the posting is `create`. */
const COUNTED_ACTIONS = ['create', 'approve', 'claim', 'accept', 'complete', 'dispute', 'confirm', 'rate'] as const;
/** What of a wish its statistics read. */
const COUNTED_FIELDS = {
  communityId: 1, category: 1, channel: 1, gridId: 1, status: 1, createdAt: 1, rating: 1, 'events.action': 1, 'events.to': 1, 'events.at': 1, 'events.communityId': 1,
} as const;
export type CountedWishDoc = Pick<WishDoc, '_id' | 'communityId' | 'category' | 'channel' | 'gridId' | 'status' | 'createdAt' | 'rating'> & {
  events: Pick<WishEventDoc, 'action' | 'to' | 'at' | 'communityId'>[];
};
/** A wish as the wall reads it: what a card may show and no more. */
export type WallDoc = Omit<WishDoc, 'events' | 'contactPhone' | 'address' | 'description' | 'beneficiary'>;

const OPEN311_HIDDEN = { events: 0, description: 0, contactPhone: 0, beneficiary: 0, completion: 0, rating: 0, ownerName: 0 } as const;
/** A wish as the Open311 list reads it. */
export type Open311Doc = Omit<WishDoc, keyof typeof OPEN311_HIDDEN>;
