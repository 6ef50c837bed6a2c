import { AppError, StaffRoles, stepRefusal, type ActivityStep, type Role } from '@shared';
import type { Caller } from '../access/caller';
import type { Repositories } from '../store/repositories';
import type { ActivityDoc } from '../store/activities';

const rolesIn = (caller: Caller, communityId: string): Role[] =>
  caller.user.memberships.filter((m) => m.communityId === communityId).flatMap((m) => m.roles);

/** Staff (secretary, grid worker) of this community: who publishes, runs and corrects its activities. */
export const isStaffOf = (caller: Caller, communityId: string) => rolesIn(caller, communityId).some((r) => (StaffRoles as readonly Role[]).includes(r));

/** The community where the caller is staff: where what they publish belongs. */
export function staffCommunity(caller: Caller): string {
  const m = caller.user.memberships.find((x) => x.communityId && x.roles.some((r) => (StaffRoles as readonly Role[]).includes(r)));
  if (!m?.communityId) throw new AppError('FORBIDDEN', '只有社区工作人员可以发布活动');
  return m.communityId;
}

/** An activity of a community the caller belongs to; any other is "not found", whoever's it is. */
export async function activityFor(repos: Pick<Repositories, 'activities'>, caller: Caller, id: string): Promise<ActivityDoc> {
  const a = await repos.activities.find(id);
  if (!a || rolesIn(caller, a.communityId).length === 0) throw new AppError('NOT_FOUND', '活动不存在');
  return a;
}

/** The same, for its staff only: others of the community are refused. */
export async function staffActivity(repos: Pick<Repositories, 'activities'>, caller: Caller, id: string): Promise<ActivityDoc> {
  const a = await activityFor(repos, caller, id);
  if (!isStaffOf(caller, a.communityId)) throw new AppError('FORBIDDEN', '只有本社区工作人员可以管理活动');
  return a;
}

/** Refuses a step the activity's time or cancellation closes (shared/activities `ActivitySteps`). */
export function assertStepOpen(step: ActivityStep, a: ActivityDoc, now: Date): void {
  const refusal = stepRefusal(step, a, now);
  if (refusal) throw new AppError('CONFLICT', refusal, { reason: 'closed' });
}
