import { AppError, describeEntry, redemptionOf, type LedgerEntryView, type RedemptionView, type Role, type StoreItemView } from '@shared';
import { actorFor } from '../../_core/access/wishAccess';
import { requireCommunity, type Caller } from '../../_core/access/caller';
import type { LedgerEntryDoc } from '../../_core/store/ledger';
import type { RedemptionDoc, StoreItemDoc } from '../../_core/store/store';

/** The roles that run the 爱心超市 desk: hand over against a code (shared/privacy, with the rule of who reads the holder's name). */
export { DESK_ROLES } from '@shared';

/** The community where the caller holds one of `roles`: whose shelf and codes they work with. */
export function staffCommunity(caller: Caller, roles: readonly Role[]): string {
  const m = caller.acting.find((x) => x.communityId && x.roles.some((r) => roles.includes(r)));
  if (!m?.communityId) throw new AppError('FORBIDDEN', '只有本社区工作人员可以管理爱心超市');
  return m.communityId;
}

/** Where the helper earns and spends: their community. */
export const helperCommunity = (caller: Caller) => requireCommunity(caller);

export function entryView(e: LedgerEntryDoc): LedgerEntryView {
  return {
    id: e._id, kind: e.kind, amount: e.amount, at: e.at, text: describeEntry(e),
    ...(e.wishId ? { wishId: e.wishId } : {}), ...(e.redemptionId ? { redemptionId: e.redemptionId } : {}),
  };
}

export function itemView(i: StoreItemDoc): StoreItemView {
  return { id: i._id, name: i.name, ...(i.description ? { description: i.description } : {}), cost: i.cost, stock: i.stock, active: i.active };
}

/** A redemption as this caller reads it: the holder's name only for the desk of its community (shared/privacy `redemptionOf`). */
export function redemptionView(r: RedemptionDoc, caller: Caller): RedemptionView {
  const view = {
    id: r._id, code: r.code, itemId: r.itemId, itemName: r.itemName, cost: r.cost, status: r.status, createdAt: r.createdAt,
    ...(r.fulfilledAt ? { fulfilledAt: r.fulfilledAt } : {}), ...(r.cancelledAt ? { cancelledAt: r.cancelledAt } : {}),
    holderName: r.holderName, communityId: r.communityId,
  };
  return redemptionOf(view, actorFor(caller, { communityId: r.communityId }));
}

/** A code's redemption, for staff of its community only: any other code is "not found", whoever's it is. */
export async function redemptionAtDesk(rt: { repos: { store: { byCode(code: string): Promise<RedemptionDoc | null> } } }, code: string, communityId: string): Promise<RedemptionDoc> {
  const r = await rt.repos.store.byCode(code);
  if (!r || r.communityId !== communityId) throw new AppError('NOT_FOUND', '兑换码不存在，请核对后再输入');
  return r;
}
