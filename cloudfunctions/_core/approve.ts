import type { AssignTarget, Priority, Role } from '@shared';
import { announceApproved } from './announcements';
import { checkAssignTarget } from './assignTarget';
import type { Caller } from './caller';
import type { Runtime, WishDoc } from './types';
import { actorDoc, transit } from './wishStore';

/** Publish to the pool, or dispatch straight to a person or unit (the 派单 of 三单). */
export async function approveWish(rt: Runtime, caller: Caller, role: Role, wish: WishDoc, opts: { assignTo?: AssignTarget; priority?: Priority }) {
  const now = rt.now();
  const targetName = opts.assignTo ? await checkAssignTarget(rt, wish.communityId, opts.assignTo) : undefined;
  const $set: Partial<WishDoc> = { approvedAt: now, openedAt: now };
  if (opts.priority) $set.priority = opts.priority;
  if (opts.assignTo) $set.assignment = { target: opts.assignTo, by: caller.id, at: now };
  const result = await transit(rt, {
    wish, from: ['pending_review'], to: opts.assignTo ? 'assigned' : 'open', action: 'approve', actor: actorDoc(caller, role), now,
    meta: {
      ...(opts.priority ? { priority: opts.priority } : {}),
      ...(opts.assignTo ? { assigneeKind: opts.assignTo.kind, assigneeId: opts.assignTo.id, assigneeName: targetName! } : {}),
    },
    update: { $set },
  });
  await announceApproved(rt, result.wish, result.event);
  return result;
}
