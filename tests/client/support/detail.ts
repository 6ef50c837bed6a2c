import { allowedActions } from '@shared/lifecycle/decide';
import { relationsOf, type UserActor } from '@shared/lifecycle/relations';
import type { Claim, Wish } from '@shared/schemas/wish';

type Loose = Record<string, unknown>;

/**
 * The stored wish behind a test's view of it: the fields a fixture leaves out get the
 * values a real wish of community c1 would have, so the shared state machine can judge it.
 */
export function storedWish(view: Loose): Wish {
  const createdAt = String(view.createdAt ?? '2026-11-20T08:00:00+08:00');
  const claims = ((view.claims as Loose[] | undefined) ?? []).map(
    (c): Claim => ({
      kind: 'user',
      assigneeId: String(c.claimerId),
      slots: 1,
      extensions: 0,
      claimedAt: createdAt,
      ...(c as Partial<Claim>),
      claimerId: String(c.claimerId),
      leaseUntil: String(c.leaseUntil ?? new Date(Date.now() + 24 * 3600000).toISOString()),
    }),
  );
  return {
    communityId: 'c1',
    ownerId: 'u-res',
    createdBy: 'u-res',
    channel: 'miniprogram',
    anonymous: false,
    priority: 'normal',
    helpersNeeded: 1,
    status: 'open',
    updatedAt: createdAt,
    ...(view as Partial<Wish>),
    id: String(view.id ?? 'w1'),
    createdAt,
    claims,
  } as Wish;
}

/**
 * `wishes.detail` as the server answers it: the wish, its events, and the `actions` the
 * shared transition table allows this viewer now (allowedActions, exactly as the server runs it).
 */
export function detailReply(view: Loose, viewer: UserActor, extra: { events?: unknown[]; people?: Record<string, string>; phones?: Record<string, string> } = {}) {
  const stored = storedWish(view);
  return { wish: view, events: extra.events ?? [], people: extra.people ?? {}, phones: extra.phones ?? {}, relations: [...relationsOf(viewer, stored)], actions: allowedActions(stored, viewer) };
}

/** Signed-in people of community c1, as the server's actor for them. */
export const actors = {
  volunteer: (userId = 'u-vol'): UserActor => ({ kind: 'user', userId, communityId: 'c1', roles: ['volunteer'] }),
  unitAdmin: (userId = 'u-uadm', unitId = 'unit1'): UserActor => ({ kind: 'user', userId, communityId: 'c1', roles: ['unit_admin'], unitId }),
  resident: (userId = 'u-res'): UserActor => ({ kind: 'user', userId, communityId: 'c1', roles: ['resident'] }),
  secretary: (userId = 'u-staff'): UserActor => ({ kind: 'user', userId, communityId: 'c1', roles: ['secretary'] }),
};
