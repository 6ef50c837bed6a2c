import { AppError, RoleLabels, inviteStateOf, joinRequestEntryOf, type InviteSummary, type JoinRequestView } from '@shared';
import { actorFor } from '../_core/access/wishAccess';
import type { Caller } from '../_core/access/caller';
import type { JoinRequestDoc } from '../_core/store/types';
import type { InviteDoc } from '../_core/store/types';
import type { Runtime } from '../_core/runtime/types';

/** 'K7QM3XPA' → 'K7******': enough to tell codes apart in a list, not enough to redeem one. */
export function maskInviteCode(code: string): string {
  return `${code.slice(0, 2)}${'*'.repeat(Math.max(0, code.length - 2))}`;
}

/**
 * `masked`: the code as a reader who may not hand it out sees it (a town admin reads a community's
 * invites but takes no community role, so a live code is of no use to it and must not be one to copy).
 */
export function inviteView(doc: InviteDoc, now: Date, names?: Map<string, string>, masked = false): InviteSummary {
  return {
    code: masked ? maskInviteCode(doc.code) : doc.code,
    role: doc.role,
    ...(doc.unitId ? { unitId: doc.unitId } : {}),
    ...(doc.gridId ? { gridId: doc.gridId } : {}),
    state: inviteStateOf(doc, now),
    uses: doc.uses,
    maxUses: doc.maxUses,
    expiresAt: doc.expiresAt,
    createdAt: doc.createdAt,
    createdBy: doc.createdBy,
    ...(names?.get(doc.createdBy) ? { createdByName: names.get(doc.createdBy) } : {}),
    ...(doc.revokedAt ? { revokedAt: doc.revokedAt } : {}),
  };
}

/** A request to join as this caller may see it (shared/privacy `joinRequestEntryOf`: the phone in full for the person and the community's secretary). */
export function requestView(doc: JoinRequestDoc, caller: Caller, communityName?: string): JoinRequestView {
  return joinRequestEntryOf<JoinRequestView>({
    id: doc._id,
    communityId: doc.communityId,
    ...(communityName ? { communityName } : {}),
    userId: doc.userId,
    name: doc.name,
    ...(doc.phone ? { phone: doc.phone } : {}),
    ...(doc.note ? { note: doc.note } : {}),
    roles: doc.roles,
    status: doc.status,
    createdAt: doc.createdAt,
    ...(doc.decidedAt ? { decidedAt: doc.decidedAt } : {}),
    ...(doc.decidedBy ? { decidedBy: doc.decidedBy } : {}),
    ...(doc.grantedRoles ? { grantedRoles: doc.grantedRoles } : {}),
    ...(doc.reason ? { reason: doc.reason } : {}),
  }, actorFor(caller, { communityId: doc.communityId }));
}

export const rolesText = (roles: readonly (keyof typeof RoleLabels)[]) => roles.map((r) => RoleLabels[r]).join('、');

/**
 * Which communities' membership records the caller may read: a secretary their own,
 * a town admin the town's (or one of them, when named). Others get null: they read
 * only what is theirs. Another community's id is "not found", never "forbidden".
 */
export async function staffScope(rt: Runtime, caller: Caller, communityId?: string): Promise<string[] | null> {
  if (caller.communityId && caller.roles.includes('secretary')) {
    if (communityId && communityId !== caller.communityId) throw new AppError('NOT_FOUND', '社区不存在');
    return [caller.communityId];
  }
  if (caller.roles.includes('town_admin') && caller.townId) {
    const ids = await rt.repos.communities.idsOfTown(caller.townId, communityId);
    if (communityId && ids.length === 0) throw new AppError('NOT_FOUND', '社区不存在');
    return ids;
  }
  return null;
}

export function communityNames(rt: Runtime, ids: string[]): Promise<Map<string, string>> {
  return rt.repos.communities.names(ids);
}
