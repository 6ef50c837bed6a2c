import * as z from 'zod';
import { Role } from '../enums/roles';
import { WishState } from '../enums/wishStates';
import { Id, Instant, Note, Photos, StringMap } from './primitives';
import { WishAction } from '../lifecycle/actions';

/** The actor of an event as the timeline shows it. */
export const EventActor = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('user'), userId: Id, role: Role.optional() }),
  z.strictObject({ kind: z.literal('system') }),
]);
export type EventActor = z.infer<typeof EventActor>;

/**
 * One step of a wish's life: the resident's timeline, the audit trail, and the
 * source of notifications and statistics. `from` is null for creation.
 */
export const WishEvent = z.strictObject({
  id: Id.optional(),
  wishId: Id,
  communityId: Id,
  action: WishAction,
  actor: EventActor,
  from: WishState.nullable(),
  to: WishState,
  at: Instant,
  note: Note.optional(),
  /** Photos sent with a progress report or the completion: the timeline shows them where they were sent. */
  photos: Photos.optional(),
  /** Small facts of the step (claimerId, unitId, leaseUntil, reason…), safe keys only. */
  meta: StringMap.optional(),
});
export type WishEvent = z.infer<typeof WishEvent>;
