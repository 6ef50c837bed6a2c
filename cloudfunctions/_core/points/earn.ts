import { chinaDay, earningFor, ledgerIds, type PointsRule } from '@shared';
import type { LedgerEntryDoc } from '../store/ledger';
import type { Runtime } from '../runtime/types';
import type { WishDoc } from '../store/types';

/**
 * The wish is confirmed: each of its services earns its helper points under the community's rule, in the
 * helper's account of the wish's community. One entry per service (`earn:<service id>`), so a retried confirm or
 * a timer run again credits nothing more. Each service is posted in a transaction of its own with the day's
 * earnings it is capped against, so two confirmations of one helper's work on one day cannot both pass the cap.
 */
export async function earnForWish(rt: Runtime, wish: WishDoc, rule: PointsRule, at: Date): Promise<void> {
  const services = await rt.repos.services.confirmedOfWish(wish._id);
  const day = chinaDay(at);
  for (const s of services) {
    await rt.repos.inTransaction(async ({ ledger }) => {
      const id = ledgerIds.earn(s._id);
      if (await ledger.find(id)) return;
      const earned = await ledger.earnedOn(wish.communityId, s.userId, day);
      const { points, capped } = earningFor({ hours: s.hours, category: s.category }, rule, earned);
      const entry: LedgerEntryDoc = {
        _id: id, communityId: wish.communityId, userId: s.userId, kind: 'earn', amount: points, sourceId: s._id, at, day,
        wishId: wish._id, wishTitle: wish.title, hours: s.hours, ...(capped ? { capped } : {}),
      };
      await ledger.post(entry);
    });
  }
}

/**
 * A wish's services were withdrawn: what they earned is taken back by a reversing entry each (`reverse:<entry>`),
 * counted on the day it was earned, never by editing or deleting the earning. Nothing earned, nothing written.
 */
export async function reverseForWish(rt: Runtime, wishId: string, at: Date): Promise<void> {
  const earnings = await rt.repos.ledger.earningsOfWish(wishId);
  for (const e of earnings) {
    await rt.repos.inTransaction(({ ledger }) =>
      ledger.post({
        _id: ledgerIds.reverse(e._id), communityId: e.communityId, userId: e.userId, kind: 'reverse', amount: -e.amount, sourceId: e._id, at,
        ...(e.day ? { day: e.day } : {}), wishId: e.wishId, ...(e.wishTitle ? { wishTitle: e.wishTitle } : {}), ...(e.hours !== undefined ? { hours: e.hours } : {}),
      }),
    );
  }
}
