import { AppError, timeEntryIds, withdrawRefusal, type TransitionAction } from '@shared';
import type { Repositories } from '../store/repositories';
import type { WishDoc, WishEventDoc } from '../store/types';

/**
 * Refuses, before anything is written, a withdrawal the balance does not cover. The hold itself checks again
 * (a conditional update in the transaction), so a withdrawal that passed here and then lost a race is refused there.
 */
export async function assertHoursCover(repos: Repositories, townId: string, userId: string, hours: number): Promise<void> {
  const refusal = withdrawRefusal(await repos.timebank.balance(townId, userId), hours);
  if (refusal) throw new AppError('INSUFFICIENT_HOURS', refusal);
}

/** A wish paid by hours holds them from its owner's account of the town at its posting (or resubmission) event. */
export async function holdForWish(repos: Repositories, wish: WishDoc, event: Pick<WishEventDoc, 'id' | 'at'>): Promise<void> {
  if (!wish.paidHours) return;
  await repos.timebank.post({
    _id: timeEntryIds.hold(event.id), townId: townOf(wish), userId: wish.ownerId, kind: 'hold', hours: -wish.paidHours, sourceId: event.id, at: event.at,
    communityId: wish.communityId, wishId: wish._id, wishTitle: wish.title, ...(wish.beneficiary?.userId ? { forName: wish.beneficiary.name } : {}),
  });
}

/**
 * What a step of a wish paid by hours does to its hold: a confirmation charges it (final, the helper earned their
 * hours as usual), a cancel or a rejection releases it (the hours come back), a resubmission holds afresh. Run in
 * the transaction of the wish's write (apply.ts), so the wish and its hours never disagree.
 */
export async function settleWishHours(repos: Repositories, wish: WishDoc, action: TransitionAction, event: Pick<WishEventDoc, 'id' | 'at'>): Promise<void> {
  if (!wish.paidHours) return;
  if (action === 'resubmit') return holdForWish(repos, wish, event);
  if (action !== 'confirm' && action !== 'cancel' && action !== 'reject') return;
  const hold = await repos.timebank.openHoldOfWish(wish._id);
  if (!hold) return;
  const settle = action === 'confirm' ? { kind: 'charge' as const, _id: timeEntryIds.charge(hold._id), hours: 0 } : { kind: 'release' as const, _id: timeEntryIds.release(hold._id), hours: -hold.hours };
  await repos.timebank.post({
    ...settle, townId: hold.townId, userId: hold.userId, sourceId: event.id, at: event.at, holdId: hold._id,
    communityId: wish.communityId, wishId: wish._id, wishTitle: wish.title,
  });
}

/** Hours count in the wish's town (every wish has one; a community belongs to a town). */
export const townOf = (wish: Pick<WishDoc, 'townId' | 'communityId'>) => wish.townId ?? wish.communityId;

/** Whether this step of a paid wish moves hours, so apply.ts writes it in one transaction with the wish. */
export const movesHours = (wish: Pick<WishDoc, 'paidHours'>, action: TransitionAction) =>
  !!wish.paidHours && (action === 'confirm' || action === 'cancel' || action === 'reject' || action === 'resubmit');
