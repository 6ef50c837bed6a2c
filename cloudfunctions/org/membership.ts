import { AppError, RoleLabels, inviteStateOf, maskPhone, type InviteSummary, type JoinRequestView } from '@shared';
import type { Caller } from '../_core/caller';
import type { JoinRequestDoc } from '../_core/types';
import type { InviteDoc, Runtime } from '../_core/types';

export function inviteView(doc: InviteDoc, now: Date, names?: Map<string, string>): InviteSummary {
  return {
    code: doc.code,
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

/** The person and their own community's secretary see the phone in full; a town admin sees it masked (DESIGN.md §7). */
export function requestView(doc: JoinRequestDoc, caller: Caller, communityName?: string): JoinRequestView {
  const fullPhone = doc.userId === caller.id || (caller.communityId === doc.communityId && caller.roles.includes('secretary'));
  return {
    id: doc._id,
    communityId: doc.communityId,
    ...(communityName ? { communityName } : {}),
    userId: doc.userId,
    name: doc.name,
    ...(doc.phone ? { phone: fullPhone ? doc.phone : maskPhone(doc.phone) } : {}),
    ...(doc.note ? { note: doc.note } : {}),
    roles: doc.roles,
    status: doc.status,
    createdAt: doc.createdAt,
    ...(doc.decidedAt ? { decidedAt: doc.decidedAt } : {}),
    ...(doc.decidedBy ? { decidedBy: doc.decidedBy } : {}),
    ...(doc.grantedRoles ? { grantedRoles: doc.grantedRoles } : {}),
    ...(doc.reason ? { reason: doc.reason } : {}),
  };
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
