import { chinaDay, earningFor, ledgerIds, type PointsRule } from '@shared';
import type { LedgerEntryDoc } from '../store/ledger';
import type { Repositories } from '../store/repositories';
import type { ConfirmedService } from '../recognition/serviceConfirmed';

/**
 * A confirmed service earns its helper points under the community's rule, in the helper's account of that
 * community. One entry per service (`earn:<service id>`), so a retried confirm or a timer run again credits nothing
 * more. Run in the transaction that also reads the day's earnings it is capped against, so two confirmations of one
 * helper's work on one day cannot both pass the cap.
 */
export async function earnPoints(repos: Repositories, s: ConfirmedService, rule: PointsRule, at: Date): Promise<void> {
  const { ledger } = repos;
  const id = ledgerIds.earn(s.id);
  if (await ledger.find(id)) return;
  const day = chinaDay(at);
  const earned = await ledger.earnedOn(s.communityId, s.userId, day);
  const { points, capped } = earningFor({ hours: s.hours, category: s.category }, rule, earned);
  const entry: LedgerEntryDoc = {
    _id: id, communityId: s.communityId, userId: s.userId, kind: 'earn', amount: points, sourceId: s.id, at, day,
    ...(s.wishId ? { wishId: s.wishId } : {}), ...(s.activityId ? { activityId: s.activityId } : {}),
    ...(s.title ? { wishTitle: s.title } : {}), hours: s.hours, ...(capped ? { capped } : {}),
  };
  await ledger.post(entry);
}

/**
 * A wish's services were withdrawn: what they earned is taken back by a reversing entry each (`reverse:<entry>`),
 * counted on the day it was earned, never by editing or deleting the earning. Nothing earned, nothing written.
 */
export async function reversePoints(repos: Repositories, wishId: string, at: Date): Promise<void> {
  for (const e of await repos.ledger.earningsOfWish(wishId)) {
    await repos.ledger.post({
      _id: ledgerIds.reverse(e._id), communityId: e.communityId, userId: e.userId, kind: 'reverse', amount: -e.amount, sourceId: e._id, at,
      ...(e.day ? { day: e.day } : {}), wishId: e.wishId, ...(e.wishTitle ? { wishTitle: e.wishTitle } : {}), ...(e.hours !== undefined ? { hours: e.hours } : {}),
    });
  }
}
