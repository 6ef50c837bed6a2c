import type { ActivityCategory, ActivityState, AttendanceStatus } from '@shared';
import type { Collection, Filter } from 'mongodb';

/** A 集体活动 of a community. Its state is not kept: it follows from the clock and `cancelledAt` (shared/activities). */
export interface ActivityDoc {
  _id: string;
  communityId: string;
  title: string;
  category: ActivityCategory;
  description: string;
  place: string;
  organizer: string;
  startAt: Date;
  endAt: Date;
  places: number;
  /** places − those signed up and not withdrawn: a sign-up takes one only where one is left (`takePlace`). */
  placesLeft: number;
  /** Keys the rotating check-in code (cloudfunctions/_core/activities/code.ts); never leaves the server. */
  codeSecret: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  cancelledAt?: Date;
  cancelledBy?: string;
  cancelReason?: string;
}

/** One person at one activity: `${activityId}:${userId}`, so signing up twice is one record. */
export interface AttendanceDoc {
  _id: string;
  activityId: string;
  communityId: string;
  userId: string;
  /** As they were known when they signed up: the organiser's list reads it without a lookup per row. */
  name: string;
  status: AttendanceStatus;
  signedUpAt: Date;
  withdrawnAt?: Date;
  checkedInAt?: Date;
  checkedOutAt?: Date;
  hours?: number;
  /** Staff who entered the times by hand. */
  correctedBy?: string;
}

export const attendanceId = (activityId: string, userId: string) => `${activityId}:${userId}`;

export type ActivityFields = Pick<ActivityDoc, 'title' | 'category' | 'description' | 'place' | 'organizer' | 'startAt' | 'endAt' | 'places'>;

/** The stored condition for an activity's state at `now` (the same cut as `activityState`). */
function stateFilter(state: ActivityState, now: Date): Filter<ActivityDoc> {
  const live = { cancelledAt: { $exists: false } };
  switch (state) {
    case 'cancelled':
      return { cancelledAt: { $exists: true } };
    case 'open':
      return { ...live, startAt: { $gt: now } };
    case 'ongoing':
      return { ...live, startAt: { $lte: now }, endAt: { $gt: now } };
    case 'ended':
      return { ...live, endAt: { $lte: now } };
  }
}

/** Activities and who signed up, came and left. Places are kept by conditional updates, never read-then-write. */
export class ActivityRepository {
  constructor(
    private readonly activities: Collection<ActivityDoc>,
    private readonly attendance: Collection<AttendanceDoc>,
  ) {}

  find(id: string): Promise<ActivityDoc | null> {
    return this.activities.findOne({ _id: id });
  }

  async insert(doc: ActivityDoc): Promise<void> {
    await this.activities.insertOne(doc);
  }

  /** A community's activities: upcoming and running soonest first, then the rest newest first; by state when given. */
  async ofCommunity(communityId: string, now: Date, state?: ActivityState, limit = 50): Promise<ActivityDoc[]> {
    if (state) {
      const ascending = state === 'open' || state === 'ongoing';
      return this.activities.find({ communityId, ...stateFilter(state, now) }).sort({ startAt: ascending ? 1 : -1, _id: 1 }).limit(limit).toArray();
    }
    const [coming, past] = await Promise.all([
      this.activities.find({ communityId, endAt: { $gt: now } }).sort({ startAt: 1, _id: 1 }).limit(limit).toArray(),
      this.activities.find({ communityId, endAt: { $lte: now } }).sort({ startAt: -1, _id: 1 }).limit(limit).toArray(),
    ]);
    return [...coming, ...past].slice(0, limit);
  }

  /**
   * An edit before the start: the fields, and the places moved by the same amount as the places left, only while
   * as many are left as the cut takes away (never fewer places than those signed up). null: not changed.
   */
  edit(id: string, fields: Partial<ActivityFields>, placesDelta: number, now: Date): Promise<ActivityDoc | null> {
    return this.activities.findOneAndUpdate(
      { _id: id, cancelledAt: { $exists: false }, startAt: { $gt: now }, ...(placesDelta < 0 ? { placesLeft: { $gte: -placesDelta } } : {}) },
      { $set: { ...fields, updatedAt: now }, ...(placesDelta !== 0 ? { $inc: { placesLeft: placesDelta } } : {}) },
      { returnDocument: 'after' },
    );
  }

  cancel(id: string, by: string, reason: string, now: Date): Promise<ActivityDoc | null> {
    return this.activities.findOneAndUpdate(
      { _id: id, cancelledAt: { $exists: false }, startAt: { $gt: now } },
      { $set: { cancelledAt: now, cancelledBy: by, cancelReason: reason, updatedAt: now } },
      { returnDocument: 'after' },
    );
  }

  /** Takes a place if one is left and the activity is not cancelled: false otherwise, and nothing changed. */
  async takePlace(id: string): Promise<boolean> {
    const { modifiedCount } = await this.activities.updateOne({ _id: id, cancelledAt: { $exists: false }, placesLeft: { $gte: 1 } }, { $inc: { placesLeft: -1 } });
    return modifiedCount === 1;
  }

  async givePlaceBack(id: string): Promise<void> {
    await this.activities.updateOne({ _id: id }, { $inc: { placesLeft: 1 } });
  }

  attendee(activityId: string, userId: string): Promise<AttendanceDoc | null> {
    return this.attendance.findOne({ _id: attendanceId(activityId, userId) });
  }

  /** Signs up afresh, or again after a withdrawal. */
  async signUp(doc: AttendanceDoc): Promise<void> {
    const { _id, ...rest } = doc;
    await this.attendance.updateOne({ _id }, { $set: rest, $unset: { withdrawnAt: '' } }, { upsert: true });
  }

  /**
   * Moves an attendee on, only from a status the step starts from: whoever loses a race (a double tap, a retry)
   * finds nothing to move and is told where they stand. null: not moved.
   */
  move(activityId: string, userId: string, from: readonly (AttendanceStatus | 'none')[], set: Partial<AttendanceDoc>): Promise<AttendanceDoc | null> {
    // 'none' (never signed up) has no record to move: only sign-up starts from it.
    const statuses = from.filter((s): s is AttendanceStatus => s !== 'none');
    return this.attendance.findOneAndUpdate({ _id: attendanceId(activityId, userId), status: { $in: statuses } }, { $set: set }, { returnDocument: 'after' });
  }

  /** Everyone who signed up, in the order they did. */
  attendees(activityId: string, limit = 500): Promise<AttendanceDoc[]> {
    return this.attendance.find({ activityId }).sort({ signedUpAt: 1, _id: 1 }).limit(limit).toArray();
  }

  /** One person's attendance of these activities, by activity. */
  async mineOf(userId: string, activityIds: string[]): Promise<Map<string, AttendanceDoc>> {
    if (activityIds.length === 0) return new Map();
    const rows = await this.attendance.find({ userId, activityId: { $in: activityIds } }).toArray();
    return new Map(rows.map((r) => [r.activityId, r]));
  }

  /** What a person signed up for (not withdrawn), newest first. */
  ofPerson(userId: string, limit = 100): Promise<AttendanceDoc[]> {
    return this.attendance.find({ userId, status: { $ne: 'withdrawn' } }).sort({ signedUpAt: -1, _id: 1 }).limit(limit).toArray();
  }

  byIds(ids: string[]): Promise<ActivityDoc[]> {
    return ids.length ? this.activities.find({ _id: { $in: ids } }).toArray() : Promise.resolve([]);
  }
}
