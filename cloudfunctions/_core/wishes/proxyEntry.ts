import { AppError, type AssignTarget, type Channel, type Priority, type SimilarWish } from '@shared';
import { announceEvent } from '../notify/announcements';
import type { Caller } from '../access/caller';
import type { Runtime } from '../runtime/types';
import type { CommunityDoc, WishDoc } from '../store/types';
import { approveWish } from './approve';
import { checkAssignTarget } from './assignTarget';
import { checkWishText, insertWish, type WishFields } from './newWish';
import { findSimilar } from './similar';

/** A wish staff enter for a resident, and how it came (dispatch.proxyCreate, and Open311 posts under a staff key). */
export interface ProxyEntry {
  fields: WishFields;
  channel: Channel;
  beneficiary: NonNullable<WishDoc['beneficiary']>;
  priority?: Priority;
  approveNow?: boolean;
  assignTo?: AssignTarget;
}

/**
 * Enters a wish for a resident (often an elder without the app), owned by the member registered under the
 * beneficiary's id or (only when exactly one is) phone, else by the staff member entering it. It waits for review
 * unless `approveNow` or `assignTo` dispatches it at once (urgent incidents).
 */
export async function enterProxyWish(rt: Runtime, caller: Caller, community: CommunityDoc, entry: ProxyEntry): Promise<{ wish: WishDoc; similar: SimilarWish[] }> {
  const { fields, beneficiary, assignTo, priority } = entry;
  let ownerId = caller.id;
  if (beneficiary.userId) {
    const resident = await rt.repos.users.memberOf(community._id, beneficiary.userId);
    if (!resident) throw new AppError('VALIDATION_FAILED', '居民不在本社区', { fields: [{ path: 'beneficiary.userId', message: '本社区没有这位居民' }] });
    ownerId = resident._id;
  } else if (beneficiary.phone) {
    // Entered by phone number: the member registered with it (only when exactly one is) owns it and sees it.
    const resident = await rt.repos.users.onlyMemberWithPhone(community._id, beneficiary.phone);
    if (resident) ownerId = resident._id;
  }
  await checkWishText(rt, caller, fields);
  // Before the wish is written: a refused dispatch target must leave nothing behind.
  const targetName = assignTo ? await checkAssignTarget(rt, community._id, assignTo, { ownerId, beneficiary }) : undefined;
  const similar = await findSimilar(rt, caller, community._id, fields);
  const role = caller.roles.includes('secretary') ? 'secretary' : 'grid_worker';
  let wish = await insertWish(rt, {
    fields: { ...fields, contactPhone: fields.contactPhone ?? beneficiary.phone },
    community, caller, role, ownerId, ownerName: beneficiary.name, channel: entry.channel, priority: priority ?? 'normal', beneficiary,
  });
  if (entry.approveNow || assignTo) {
    ({ wish } = await approveWish(rt, caller, wish, { assignTo, priority, targetName }));
  } else {
    await announceEvent(rt, wish, wish.events[0]);
  }
  return { wish, similar };
}
