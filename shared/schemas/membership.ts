import * as z from 'zod';
import { Role } from '../enums/roles';
import { Id, Instant, Note, PersonName, Phone, Reason } from './primitives';

/**
 * Joining a community: invite codes and join requests (issue 4). A code's state is
 * derived, never stored, so revoking or expiring needs no sweep to take effect.
 */
export const InviteStates = ['active', 'revoked', 'used_up', 'expired'] as const;
export const InviteState = z.enum(InviteStates);
export type InviteState = z.infer<typeof InviteState>;

export const InviteStateLabels: Record<InviteState, string> = {
  active: '有效',
  revoked: '已撤销',
  used_up: '已用完',
  expired: '已过期',
};

/** Revocation wins over everything; then expiry; a code both expired and used up reads as used up. */
export function inviteStateOf(
  invite: { revokedAt?: Date | string | null; expiresAt: Date | string; uses: number; maxUses: number },
  now: Date,
): InviteState {
  if (invite.revokedAt) return 'revoked';
  if (invite.uses >= invite.maxUses) return 'used_up';
  if (new Date(invite.expiresAt).getTime() <= now.getTime()) return 'expired';
  return 'active';
}

export const JoinRequestStatuses = ['pending', 'approved', 'rejected'] as const;
export const JoinRequestStatus = z.enum(JoinRequestStatuses);
export type JoinRequestStatus = z.infer<typeof JoinRequestStatus>;

export const JoinRequestStatusLabels: Record<JoinRequestStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '未通过',
};

/**
 * What a person may ask for themselves. Staff roles (grid worker, unit admin,
 * secretary) are given by the secretary on the members screen, not requested.
 */
/**
 * Who may read invite codes they did not make (org.listInvites): the community's secretary
 * whole, the town above only masked. Listing and redeeming are tied by the rule below.
 */
export function readsOthersInvites(roles: readonly Role[]): boolean {
  return roles.includes('secretary') || roles.includes('town_admin');
}

/**
 * Why this person may not redeem this invite, or null. The rule: reading codes is never a way
 * to a role. An invite brings in someone the inviter chose, so nobody redeems a code they made
 * (a unit admin would make themself a party member, a grid worker anyone); whoever may read
 * codes they did not make (`readsOthersInvites`: a secretary, a town admin) redeems none, since
 * they could pick any live code and take its role; and a town admin takes no community role at
 * all (DESIGN.md §2). Staff roles change through org.roles, where a secretary decides.
 * `roles`: everything the person holds anywhere; without `invite`, what holds of any code
 * (asked before looking the code up, so a refused reader cannot probe codes either).
 */
export function inviteRefusal(person: { userId: string; roles: readonly Role[] }, invite?: { createdBy: string }): string | null {
  if (person.roles.includes('town_admin')) return '镇街管理员不能通过邀请码加入社区或担任社区角色';
  if (readsOthersInvites(person.roles)) return '社区书记能看到全部邀请码，不能自己使用邀请码；身份请在成员管理中设置';
  if (invite?.createdBy === person.userId) return '不能使用自己生成的邀请码';
  return null;
}

export const JoinRole = Role.extract(['resident', 'volunteer', 'party_member'], { error: '只能申请居民、志愿者或党员身份' });
export type JoinRole = z.infer<typeof JoinRole>;

/** An invite code: joins its redeemer to the inviter's community with one role (and unit or grid). */
export const Invite = z.strictObject({
  id: Id,
  code: z.string().regex(/^[A-Za-z0-9]{6,16}$/),
  communityId: Id,
  role: Role,
  unitId: Id.optional(),
  gridId: Id.optional(),
  createdBy: Id,
  expiresAt: Instant,
  maxUses: z.number().int().min(1),
  uses: z.number().int().min(0),
  revokedAt: Instant.optional(),
  revokedBy: Id.optional(),
  createdAt: Instant,
});
export type Invite = z.infer<typeof Invite>;

/** A request to join a community (org.requestJoin); decided once by the community's secretary. */
export const JoinRequest = z.strictObject({
  id: Id,
  communityId: Id,
  userId: Id,
  name: PersonName,
  phone: Phone.optional(),
  note: Note.optional(),
  roles: z.array(JoinRole).min(1),
  status: JoinRequestStatus,
  createdAt: Instant,
  decidedAt: Instant.optional(),
  decidedBy: Id.optional(),
  decisionId: Id.optional(),
  grantedRoles: z.array(JoinRole).optional(),
  reason: Reason.optional(),
});
export type JoinRequest = z.infer<typeof JoinRequest>;
