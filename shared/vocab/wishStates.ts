/** The wish states (pending_review → open → claimed → in_progress → done → confirmed, and rejected, assigned, cancelled); the names are the contract with the database and the client. */
export const WishStates = [
  'pending_review',
  'rejected',
  'open',
  'assigned',
  'claimed',
  'in_progress',
  'done',
  'confirmed',
  'cancelled',
] as const;

export type WishState = (typeof WishStates)[number];

export const WishStateLabels: Record<WishState, string> = {
  pending_review: '待审核',
  rejected: '未通过',
  open: '待认领',
  assigned: '已指派',
  claimed: '已认领',
  in_progress: '服务中',
  done: '已完成',
  confirmed: '已确认',
  cancelled: '已取消',
};

/**
 * Still on its way, in the order it goes: the dashboard's 现在 strip counts these, each under its own label, so its
 * figures are the ones on 全部心愿's tabs (it showed 待认领 8 for 待认领 6 + 已指派 2, and 服务中 4 for 已认领 + 服务中).
 */
export const InFlightStates = ['pending_review', 'open', 'assigned', 'claimed', 'in_progress'] as const satisfies readonly WishState[];

/** States from which a wish can still be cancelled ("any state before done"). */
export const CancellableStates = [
  'pending_review',
  'rejected',
  'open',
  'assigned',
  'claimed',
  'in_progress',
] as const satisfies readonly WishState[];

/** Nothing moves a wish out of these (rating a confirmed wish is an event, not a move). */
export const FinalStates = ['confirmed', 'cancelled'] as const satisfies readonly WishState[];

export function isWishState(value: unknown): value is WishState {
  return typeof value === 'string' && (WishStates as readonly string[]).includes(value);
}
