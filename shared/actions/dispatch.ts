import * as z from 'zod';
import { Category } from '../enums/categories';
import { Channel } from '../enums/channels';
import { MapState } from '../enums/mapStates';
import { Priority } from '../enums/priorities';
import { WishState } from '../enums/wishStates';
import { Description, Id, Note, PageInput, Reason, Title } from '../schemas/primitives';
import { AssignTarget, Beneficiary, EscalationLevel } from '../schemas/wish';
import { wishFields, withWords } from './wishes';
import { normalizeWishNumber } from '../wishNumber';

const WishRef = { wishId: Id };

export const QueueInput = z.strictObject({
  status: WishState.default('pending_review'),
  gridId: Id.optional(),
  ...PageInput,
});
/** Approve publishes to the open pool, or with `assignTo` dispatches straight to a person or unit. */
export const ApproveInput = z.strictObject({ ...WishRef, assignTo: AssignTarget.optional(), priority: Priority.optional() });
export const RejectInput = z.strictObject({ ...WishRef, reason: Reason });
export const AssignInput = z.strictObject({ ...WishRef, assignTo: AssignTarget, note: Note.optional() });
/**
 * Staff enter a wish that came by WeChat group, QQ, phone or a door visit.
 * `approveNow` skips review (urgent incidents are dispatched at once).
 */
export const ProxyCreateInput = withWords(
  z.strictObject({
    ...wishFields,
    channel: Channel,
    beneficiary: Beneficiary,
    priority: Priority.optional(),
    approveNow: z.boolean().default(false),
    assignTo: AssignTarget.optional(),
  }),
);
export const EscalationsInput = z.strictObject({ level: EscalationLevel.optional(), ...PageInput });
export const DispatchCancelInput = z.strictObject({ ...WishRef, reason: Reason });
/** Whom staff can phone about a wish now: nearby helpers free to take it, the grid worker, the unit's contact. */
export const CallListInput = z.strictObject(WishRef);
/** 催办: the town's message to the community, which the timeline keeps. */
export const UrgeInput = z.strictObject({ ...WishRef, note: Note });
/** 改派: to another community under the same town. */
export const ReassignInput = z.strictObject({ ...WishRef, toCommunityId: Id, note: Note.optional() });
/** 镇街派单: to a town- or county-level co-building unit (dispatch.townUnits lists them). */
export const TownAssignInput = z.strictObject({ ...WishRef, unitId: Id, note: Note.optional() });
/**
 * 收回: staff take back a claim or dispatch nobody has started, saying why (the holders are told); with `assignTo`
 * the wish goes straight to that person or unit instead of back to the pool.
 */
export const RecallInput = z.strictObject({ ...WishRef, reason: Reason, assignTo: AssignTarget.optional() });
/**
 * 全部心愿: the wishes of the caller's scope (a secretary's community, a grid worker's grids, a town admin's town or
 * one community of it) in one state, newest first, with how many are in each state.
 */
export const BoardInput = z.strictObject({
  status: WishState.default('pending_review'),
  communityId: Id.optional(),
  gridId: Id.optional(),
  ...PageInput,
});
/** 派单对象: whom staff can dispatch this wish to, each with their load and distance, and why some can't take it now. */
export const CandidatesInput = z.strictObject(WishRef);
/** The community's open 督办 items (a grid worker's: of their grids). */
export const SupervisionInput = z.strictObject({ ...PageInput });
export const TownUnitsInput = z.strictObject({});
/**
 * 网格地图: the wishes in play on the map of the caller's grids (grid worker), community (secretary) or
 * town (town admin, who may name one community of it), of the kinds and category asked for.
 */
export const MapInput = z.strictObject({
  communityId: Id.optional(),
  states: z.array(MapState).min(1, '至少选择一种状态').max(3).optional(),
  category: Category.optional(),
});

/**
 * 整理语音: staff who listened to a wish's voice note type out what was said as its description, and may give it a
 * better title than the （语音） one it was posted with. The voice note stays.
 */
export const TranscribeInput = z.strictObject({ ...WishRef, description: Description, title: Title.optional() });

/** 心愿编号: the wish a caller reads out (TY-2026-0123, in any case, spacing or dashes), as staff open it. */
export const LookupInput = z.strictObject({
  number: z
    .string({ error: '请输入心愿编号' })
    .trim()
    .min(1, '请输入心愿编号')
    .max(30, '心愿编号格式如 TY-2026-0123')
    .refine((s) => normalizeWishNumber(s) !== null, '心愿编号格式如 TY-2026-0123'),
});

export const DispatchActions = {
  queue: QueueInput,
  approve: ApproveInput,
  reject: RejectInput,
  assign: AssignInput,
  proxyCreate: ProxyCreateInput,
  escalations: EscalationsInput,
  cancel: DispatchCancelInput,
  callList: CallListInput,
  urge: UrgeInput,
  reassign: ReassignInput,
  townAssign: TownAssignInput,
  supervision: SupervisionInput,
  townUnits: TownUnitsInput,
  map: MapInput,
  recall: RecallInput,
  board: BoardInput,
  candidates: CandidatesInput,
  lookup: LookupInput,
  transcribe: TranscribeInput,
} as const;
