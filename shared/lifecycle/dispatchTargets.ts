/**
 * Who staff may dispatch a wish to, as a rule both the dispatch itself (the server refuses) and the picker (it shows
 * the person or unit greyed out, with the same sentence) read. Zod-free: the staff picker loads it.
 */
import type { Role } from '../enums/roles';
import { membershipActive } from '../org/membership';
import type { Membership } from '../schemas/user';
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

/**
 * Who takes a unit's dispatch: its admin. DESIGN §2 gives the unit_admin alone "claim for the unit, hand a claimed wish
 * to a unit member" (accept and decline are the `unit_admin_of_claiming_unit`'s, and only admins hear of a dispatch to
 * the unit); a plain member serves what an admin hands them. So a unit "has people" for a dispatch only while an active
 * admin is in it, however many members it has.
 */
export const UNIT_ACCEPTOR_ROLE = 'unit_admin' as const satisfies Role;

type UnitMembership = Pick<Membership, 'unitId' | 'roles' | 'deactivated'>;

/** Whether this membership answers for the unit: it is the unit's, an admin's, and not deactivated (停用). */
export function answersForUnit(m: UnitMembership | undefined, unitId: string): boolean {
  return m !== undefined && m.unitId === unitId && m.roles.includes(UNIT_ACCEPTOR_ROLE) && membershipActive(m);
}

/**
 * The unit a change of one membership (停用, a role or unit changed by the secretary, an invite to another unit) takes
 * its answerer away from: the unit `before` answered for and `after` does not. Every such change goes through the
 * same step (cloudfunctions/_core/wishes/vacate.ts `unitAnswererGone`): when nobody is left to answer, what waits
 * dispatched to the unit goes back to the queue.
 */
export function unitLeftBy(before: UnitMembership | undefined, after: UnitMembership | undefined): string | undefined {
  const unitId = before?.unitId;
  return unitId !== undefined && answersForUnit(before, unitId) && !answersForUnit(after, unitId) ? unitId : undefined;
}

/**
 * The roles a membership keeps when it moves to another unit: answering for a unit (UNIT_ACCEPTOR_ROLE) is answering
 * for that unit, so it does not follow the person into the next one (an invite as 志愿者 of 物业 must not make 妇幼保健院's
 * admin 物业's admin); the new unit's role is granted on its own, by the invite or the secretary.
 */
export function rolesMovedTo<R extends string>(roles: readonly R[], fromUnitId: string | undefined, toUnitId: string | undefined): R[] {
  if (fromUnitId === undefined || toUnitId === undefined || fromUnitId === toUnitId) return [...roles];
  return roles.filter((r) => r !== UNIT_ACCEPTOR_ROLE);
}

/** A unit nobody active answers for (no active admin, whatever members it has): nobody could accept the dispatch. */
export function unitRefusal(name: string, hasPeople: boolean, otherwise = '请先邀请单位管理员或改派他人'): AssignRefusal | null {
  if (hasPeople) return null;
  return { reason: 'unit_without_people', message: `「${name}」没有在岗的单位管理员，派给它没有人能接单，${otherwise}` };
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

/** Who sends a wish to its assignee, as people say it. */
export const DispatcherLabels = { town: '镇街', community: '社区' } as const;

/**
 * Who sent an assigned wish to whoever must now accept it: the town when the step that made it 已指派 last was a
 * 镇街派单 (townAssign), else the community (派单 at review, 派单, 收回并改派). The task screen's 接受/拒绝 card and the
 * 收到派单 message say it; both said 社区 of the town's dispatch.
 */
export function dispatcherOf(events: readonly { action: string; to: string }[]): keyof typeof DispatcherLabels {
  const last = [...events].reverse().find((e) => e.to === 'assigned');
  return last?.action === 'townAssign' ? 'town' : 'community';
}
