import { AppError, RoleLabels, inviteStateOf, joinRequestEntryOf, type InviteSummary, type JoinRequestView } from '@shared';
import type { Collection, Filter } from 'mongodb';
import { actorFor } from '../_core/access';
import type { Caller } from '../_core/caller';
import { collections, type JoinRequestDoc } from '../_core/collections';
import type { InviteDoc, Runtime } from '../_core/types';

/** Revocation is recorded on the invite itself; the shared InviteDoc predates it. */
export type RevocableInviteDoc = InviteDoc & { revokedAt?: Date; revokedBy?: string };

export function inviteCollection(rt: Runtime): Collection<RevocableInviteDoc> {
  return collections(rt.db).invites as unknown as Collection<RevocableInviteDoc>;
}

/** The filter of a code that can still be used right now: the same test guards every use. */
export function usableNow(now: Date): Filter<RevocableInviteDoc> {
  return { revokedAt: { $exists: false }, expiresAt: { $gt: now } };
}

export function inviteView(doc: RevocableInviteDoc, now: Date, names?: Map<string, string>): InviteSummary {
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
    const filter = { townId: caller.townId, ...(communityId ? { _id: communityId } : {}) };
    const ids = (await collections(rt.db).communities.find(filter, { projection: { _id: 1 } }).toArray()).map((c) => c._id);
    if (communityId && ids.length === 0) throw new AppError('NOT_FOUND', '社区不存在');
    return ids;
  }
  return null;
}

export async function communityNames(rt: Runtime, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const list = await collections(rt.db).communities.find({ _id: { $in: unique } }, { projection: { name: 1 } }).toArray();
  return new Map(list.map((c) => [c._id, c.name]));
}
