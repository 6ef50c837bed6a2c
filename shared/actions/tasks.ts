import * as z from 'zod';
import { Category } from '../enums/categories';
import { WishState } from '../enums/wishStates';
import { Id, Latitude, Longitude, Note, PageInput, Photos, Reason } from '../schemas/primitives';
import { ServiceHours } from '../schemas/service';

const WishRef = { wishId: Id };

export const NearbyInput = z.strictObject({
  lng: Longitude,
  lat: Latitude,
  radiusM: z.number().int().min(100).max(20000).default(3000),
  category: Category.optional(),
  limit: z.number().int().min(1).max(50).default(20),
});
/** `asUnit` claims for a co-building unit (unit_admin only): the unit takes every free place. */
export const ClaimInput = z.strictObject({ ...WishRef, asUnit: Id.optional() });
export const ExtendInput = z.strictObject(WishRef);
export const ReleaseInput = z.strictObject({ ...WishRef, reason: Reason.optional() });
export const StartInput = z.strictObject(WishRef);
export const ProgressInput = z.strictObject({ ...WishRef, note: Note, photos: Photos.optional() });
export const CompleteInput = z.strictObject({
  ...WishRef,
  note: Note,
  photos: Photos.optional(),
  hours: ServiceHours.optional(),
});
export const MyTasksInput = z.strictObject({ status: WishState.optional(), ...PageInput });
export const AcceptInput = z.strictObject(WishRef);
export const DeclineInput = z.strictObject({ ...WishRef, reason: Reason.optional() });
/** A unit admin hands the unit's claim to one of its members. */
export const HandoverInput = z.strictObject({ ...WishRef, toUserId: Id, note: Note.optional() });

export const TasksActions = {
  nearby: NearbyInput,
  claim: ClaimInput,
  extend: ExtendInput,
  release: ReleaseInput,
  start: StartInput,
  progress: ProgressInput,
  complete: CompleteInput,
  mine: MyTasksInput,
  accept: AcceptInput,
  decline: DeclineInput,
  handover: HandoverInput,
} as const;
