import * as z from 'zod';
import { Role } from '../enums/roles';

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
export const JoinRole = Role.extract(['resident', 'volunteer', 'party_member'], { error: '只能申请居民、志愿者或党员身份' });
export type JoinRole = z.infer<typeof JoinRole>;
