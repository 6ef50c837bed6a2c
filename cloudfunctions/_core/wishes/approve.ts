import type { AssignTarget, Priority } from '@shared';
import { announceEvent } from '../notify/announcements';
import { applyAction, assertAllowed } from './apply';
import { checkAssignTarget } from './assignTarget';
import { confirmDispatched } from './vacate';
import type { Caller } from '../access/caller';
import type { Runtime } from '../runtime/types';
import type { WishDoc } from '../store/types';

/** Publish to the pool, or dispatch straight to a person or unit (the 派单 of 三单). */
export async function approveWish(rt: Runtime, caller: Caller, wish: WishDoc, opts: { assignTo?: AssignTarget; priority?: Priority; targetName?: string }) {
  const step = { wish, action: 'approve' as const, caller, input: { assignTo: opts.assignTo, priority: opts.priority } };
  const settings = await assertAllowed(rt, step);
  const targetName = opts.targetName ?? (opts.assignTo ? await checkAssignTarget(rt, wish.communityId, opts.assignTo, wish) : undefined);
  const result = await applyAction(rt, { ...step, settings });
  if (opts.assignTo && targetName) await confirmDispatched(rt, result.wish, opts.assignTo, targetName);
  if (targetName) result.event.meta = { ...result.event.meta, assignName: targetName };
  await announceEvent(rt, result.wish, result.event);
  return result;
}
