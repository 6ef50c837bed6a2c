/**
 * Who staff may dispatch a wish to, as a rule both the dispatch itself (the server refuses) and the picker (it shows
 * the person or unit greyed out, with the same sentence) read. Zod-free: the staff picker loads it.
 */
import { forWhomOf } from './relations';

/** Why a dispatch target can't act now: a stable reason for clients, a sentence for staff. */
export type AssignRefusalReason = 'unit_without_people' | 'too_many_tasks' | 'own_wish' | 'deactivated';

export interface AssignRefusal {
  reason: AssignRefusalReason;
  message: string;
  load?: number;
  max?: number;
}

/**
 * A helper already holding the community's maximum of unfinished wishes (`maxOpenTasksPerHelper`) can't get to one
 * more: dispatched anyway, an urgent wish would sit silently with them.
 */
export function helperRefusal(name: string, load: number, max: number): AssignRefusal | null {
  if (load < max) return null;
  return { reason: 'too_many_tasks', message: `${name}手上已有 ${load} 个未完成的心愿（上限 ${max} 个），请改派他人`, load, max };
}

/** A unit with nobody in it (no admin, no member): nobody would hear of the dispatch. */
export function unitRefusal(name: string, hasPeople: boolean, otherwise = '请先邀请单位管理员或改派他人'): AssignRefusal | null {
  if (hasPeople) return null;
  return { reason: 'unit_without_people', message: `「${name}」还没有管理员或成员，派给它没有人会收到，${otherwise}` };
}

/** The people a wish is for (relations' FOR_WHOM): its owner, and the member it was posted or entered for. */
export type WishPeople = Parameters<typeof forWhomOf>[0];

/**
 * Nobody serves their own wish: a resident who is also a party member or volunteer would otherwise be dispatched, or
 * could claim, the help they asked for (or that was asked for them), and the service and points would count for the
 * asker. The dispatch (assign, approve or a proxy entry with an assignee, 收回 with an assignee), the picker, the call
 * list and a claim all read this one rule.
 */
export function isWishFor(wish: WishPeople, userId: string): boolean {
  return forWhomOf(wish, userId) !== undefined;
}

/** A dispatch to the person the wish is for. */
export function ownWishRefusal(name: string, wish: WishPeople, userId: string): AssignRefusal | null {
  if (!isWishFor(wish, userId)) return null;
  return { reason: 'own_wish', message: `这是${name}自己的心愿，不能派给本人，请改派他人` };
}

/** A claim by the person the wish is for (refused FORBIDDEN, as any claim by someone who may not claim it). */
export const OWN_WISH_CLAIM_MESSAGE = '这是你自己的心愿，不能认领';

/**
 * A member the community's secretary deactivated (停用): they can't act here, so a dispatch (or a handover, or a grid
 * named theirs: `doing`) would reach nobody.
 */
export function inactiveRefusal(name: string, active: boolean, doing = '接收派单'): AssignRefusal | null {
  if (active) return null;
  return { reason: 'deactivated', message: `${name}在本社区的成员身份已停用，不能${doing}，请另选他人` };
}

/**
 * Whom work may go to, of the people staff (or a unit admin handing over its claim) name: never the person the wish
 * is for, never a deactivated member. The dispatch, the handover and the picker read this one rule.
 */
export function personRefusal(name: string, wish: WishPeople, userId: string, active: boolean): AssignRefusal | null {
  return ownWishRefusal(name, wish, userId) ?? inactiveRefusal(name, active);
}
