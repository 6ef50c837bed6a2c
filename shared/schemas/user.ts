import * as z from 'zod';
import { Role, Roles } from '../enums/roles';
import { Id, Instant, PersonName, Phone, PhotoRef, Reason } from './primitives';

/** One deactivation or restoration of a membership, kept on it: who, when, and why (required to deactivate). */
export const MembershipStatusChange = z.strictObject({
  active: z.boolean(),
  at: Instant,
  by: Id,
  reason: Reason.optional(),
});
export type MembershipStatusChange = z.infer<typeof MembershipStatusChange>;

/**
 * What a person is in one community (or, for town_admin, one town). Roles are per
 * community: a resident here may be a volunteer there.
 */
export const Membership = z
  .strictObject({
    communityId: Id.optional(),
    /** Set for town_admin memberships; community memberships may carry it for convenience. */
    townId: Id.optional(),
    roles: z.array(Role).min(1).max(Roles.length),
    /** Grids a grid_worker looks after. */
    gridIds: z.array(Id).max(50).optional(),
    /** The co-building unit this person belongs to (or administers, with role unit_admin). */
    unitId: Id.optional(),
    partyBranchId: Id.optional(),
    buildingId: Id.optional(),
    /**
     * When this party member reported (报到) to the community, naming the branch where they live: an in-service
     * party member (在职党员) of a co-building unit (`unitId`) then counts for the unit's branch and this one (双报到).
     */
    reportedAt: Instant.optional(),
    /**
     * Set while the community's secretary has deactivated this membership (shared/org `membershipActive`): the person
     * can't act in this community, isn't dispatched to or listed as a helper here, until it is restored.
     */
    deactivated: z
      .strictObject({
        at: Instant,
        by: Id,
        reason: Reason,
        /**
         * When what they held through this membership went back to the pool (cloudfunctions/_core/wishes/vacate.ts).
         * Absent: not yet, or a crash came between the deactivation and its sweep; the timer's repair sweeps it then.
         */
        sweptAt: Instant.optional(),
      })
      .optional(),
    /** Every deactivation and restoration, oldest first (the last 20). */
    statusLog: z.array(MembershipStatusChange).max(20).optional(),
  })
  .refine((m) => m.communityId !== undefined || m.townId !== undefined, {
    message: '须属于一个社区或镇街',
    path: ['communityId'],
  });
export type Membership = z.infer<typeof Membership>;

export const User = z.strictObject({
  id: Id,
  openid: z.string().max(64).regex(/^[A-Za-z0-9_-]+$/).optional(),
  /** Seeded demo people are found by this key in local mode (dev-login); never set in production. */
  devKey: z.string().max(32).optional(),
  name: PersonName,
  phone: Phone.optional(),
  avatarUrl: PhotoRef.optional(),
  /** A helper's own choice: the public wall and the leaderboard name them in full. Absent: masked (张*). */
  showFullName: z.boolean().optional(),
  memberships: z.array(Membership).max(20),
  /**
   * The community this person acts in, of those they belong to (org.actIn): every call is answered as their
   * membership there (and a town's, for a town admin), never another's. Absent: their first community.
   */
  actingCommunityId: Id.optional(),
  createdAt: Instant,
  updatedAt: Instant.optional(),
});
export type User = z.infer<typeof User>;
