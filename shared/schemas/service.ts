import * as z from 'zod';
import { Category } from '../enums/categories';
import { Id, Instant } from './primitives';

/** Service hours a helper may report for one wish: half-hour steps, at most a day. */
export const ServiceHours = z.number().min(0.5, '至少 0.5 小时').max(24, '最多 24 小时').multipleOf(0.5);

/**
 * One helper's service on one completed wish, or at one 集体活动 (`activityId` instead of `wishId`): the unit of
 * "1,800 services delivered", of volunteer hours, and of the party-branch leaderboard.
 */
export const ServiceRecord = z.strictObject({
  id: Id,
  communityId: Id,
  wishId: Id.optional(),
  activityId: Id.optional(),
  userId: Id,
  unitId: Id.optional(),
  partyBranchId: Id.optional(),
  category: Category,
  /** The grid of its wish: where the service is counted by grid. */
  gridId: Id.optional(),
  hours: ServiceHours,
  /** When the helper finished their part. */
  at: Instant,
  /** When the resident confirmed (or the wish auto-confirmed), or the attendee checked out: only then does the service count, with its hours. */
  confirmedAt: Instant.optional(),
});
export type ServiceRecord = z.infer<typeof ServiceRecord>;
