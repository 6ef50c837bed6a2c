import { actorOf, canRead as sharedCanRead, relationsOf, AppError, type Relation, type UserActor } from '@shared';
import type { Caller } from './caller';
import { domainOf } from '../store/stored';
import type { WishDoc } from '../store/types';

/** The caller as the domain sees them within the wish's community: as the memberships they act under (`Caller.acting`), never another community's. */
export function actorFor(caller: Caller, wish: Pick<WishDoc, 'communityId' | 'townId'>): UserActor {
  return actorOf({ id: caller.id, memberships: caller.acting }, wish.communityId, wish.townId);
}

export function relationsTo(caller: Caller, wish: WishDoc): Set<Relation> {
  return relationsOf(actorFor(caller, wish), domainOf(wish));
}

/** Staff of the wish's community: the secretary, or the grid worker of its grid. */
export function isStaff(rel: Set<Relation>): boolean {
  return rel.has('staff') || rel.has('grid_staff');
}

/** Who may read a wish: shared/privacy `canRead` (which also covers the staff member who typed it in for someone). */
export function canRead(_rel: Set<Relation>, wish: WishDoc, caller: Caller): boolean {
  return sharedCanRead(wish, actorFor(caller, wish));
}

/** Outside the community a wish does not exist (404), inside it may be forbidden (403). */
export function requireAny(rel: Set<Relation>, allowed: Relation[], wish: WishDoc, caller: Caller, message = '您没有执行此操作的权限'): void {
  if (allowed.some((r) => rel.has(r))) return;
  if (!canRead(rel, wish, caller)) throw new AppError('NOT_FOUND', '心愿不存在');
  throw new AppError('FORBIDDEN', message);
}
