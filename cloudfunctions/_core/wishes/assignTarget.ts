import { AppError, helperRefusal, inactiveRefusal, membershipActive, personRefusal, settingsOf, unitRefusal, type AssignRefusal, type AssignTarget, type WishPeople } from '@shared';
import type { UserDoc } from '../store/types';
import { loadCommunity } from '../store/loadCommunity';
import type { Runtime } from '../runtime/types';

/** A refusal of the shared rule (lifecycle/dispatchTargets) as the error the client reads. */
export function unavailable({ message, ...details }: AssignRefusal, path = 'assignTo.id'): AppError {
  return new AppError('ASSIGNEE_UNAVAILABLE', message, { ...details, fields: [{ path, message }] });
}

/**
 * Staff dispatch only to helpers and units of the wish's own community who can act on it now:
 * a unit with nobody in it, or a helper already holding the community's maximum, would let an
 * urgent wish sit silently with someone who never hears of it or can't get to it; and never to
 * the person the wish is for (`wish`: its owner and beneficiary).
 */
export async function checkAssignTarget(rt: Runtime, communityId: string, target: AssignTarget, wish: WishPeople): Promise<string> {
  if (target.kind === 'unit') {
    const unit = await rt.repos.org.unit(communityId, target.id);
    if (!unit) throw new AppError('VALIDATION_FAILED', '共建单位不存在', { fields: [{ path: 'assignTo.id', message: '本社区没有这个单位' }] });
    const refusal = unitRefusal(unit.name, await rt.repos.users.unitCanAccept(communityId, target.id));
    if (refusal) throw unavailable(refusal);
    return unit.name;
  }
  const user = await rt.repos.users.helperOf(communityId, target.id);
  if (!user) throw new AppError('VALIDATION_FAILED', '只能派给本社区的党员、志愿者或单位', { fields: [{ path: 'assignTo.id', message: '不是本社区的志愿者' }] });
  requireCanServe(user, wish, communityId);
  const max = settingsOf((await loadCommunity(rt, communityId)).settings).maxOpenTasksPerHelper;
  const refusal = helperRefusal(user.name, await rt.repos.wishes.openLoadOf(user._id), max);
  if (refusal) throw unavailable(refusal);
  return user.name;
}

const activeIn = (user: Pick<UserDoc, 'memberships'>, communityId: string) => membershipActive(user.memberships.find((m) => m.communityId === communityId));

/**
 * A person the work would go to (dispatched, or handed a unit's claim): refused, saying why, when the wish is for
 * them or their membership of `communityId` (where they serve) is deactivated (停用) — the shared rule `personRefusal`.
 */
export function requireCanServe(user: Pick<UserDoc, '_id' | 'name' | 'memberships'>, wish: WishPeople, communityId: string, path = 'assignTo.id'): void {
  const refusal = personRefusal(user.name, wish, user._id, activeIn(user, communityId));
  if (refusal) throw unavailable(refusal, path);
}

/** A member named to look after something (a grid) whose membership here is deactivated would never hear of it: refused, saying so. */
export function requireActive(user: Pick<UserDoc, 'name' | 'memberships'>, communityId: string, path: string, doing: string): void {
  const refusal = inactiveRefusal(user.name, activeIn(user, communityId), doing);
  if (refusal) throw unavailable(refusal, path);
}

/**
 * The town's 督办 dispatches only to a town- or county-level unit registered in one of its communities, and (as any
 * dispatch) only to one with someone in it to hear of it.
 */
export async function checkTownUnit(rt: Runtime, townId: string | undefined, unitId: string): Promise<string> {
  const unit = await rt.repos.org.unitAnywhere(unitId);
  const home = unit ? await rt.repos.communities.find(unit.communityId) : null;
  if (!unit || !home || home.townId !== townId || (unit.level ?? 'community') === 'community') {
    throw new AppError('VALIDATION_FAILED', '只能派给本镇街的镇级、县级共建单位', { fields: [{ path: 'unitId', message: '不是本镇街的镇级、县级共建单位' }] });
  }
  const refusal = unitRefusal(unit.name, await rt.repos.users.unitCanAccept(unit.communityId, unitId), '请改派其他单位或社区');
  if (refusal) throw unavailable(refusal, 'unitId');
  return unit.name;
}
