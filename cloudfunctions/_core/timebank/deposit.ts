import { timeEntryIds } from '@shared';
import type { Repositories } from '../store/repositories';
import type { ConfirmedService } from '../recognition/serviceConfirmed';

/** A confirmed service's hours go into its helper's time account of the town (`deposit:<service id>`, once). */
export async function depositHours(repos: Repositories, townId: string, s: ConfirmedService, at: Date): Promise<void> {
  await repos.timebank.post({
    _id: timeEntryIds.deposit(s.id), townId, userId: s.userId, kind: 'deposit', hours: s.hours, sourceId: s.id, at, communityId: s.communityId,
    ...(s.wishId ? { wishId: s.wishId } : {}), ...(s.activityId ? { activityId: s.activityId } : {}), ...(s.title ? { wishTitle: s.title } : {}),
  });
}

/**
 * A wish's services were withdrawn after their hours were deposited: each deposit is taken back by an entry of
 * its own. Today a dispute comes before any confirmation, so there is nothing to take back; should that change, a
 * helper who already spent the hours is refused like any withdrawal (a balance is never below zero).
 */
export async function reverseHours(repos: Repositories, wishId: string, at: Date): Promise<void> {
  for (const d of await repos.timebank.depositsOfWish(wishId)) {
    await repos.timebank.post({
      _id: timeEntryIds.reverse(d._id), townId: d.townId, userId: d.userId, kind: 'reverse', hours: -d.hours, sourceId: d._id, at,
      ...(d.communityId ? { communityId: d.communityId } : {}), ...(d.wishId ? { wishId: d.wishId } : {}), ...(d.wishTitle ? { wishTitle: d.wishTitle } : {}),
    });
  }
}
