import { AppError, HelperRoles, helperRefusal, membershipActive, personRefusal, settingsOf, unitRefusal, type DispatchCandidate, type Role } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { canRead, relationsTo } from '../../_core/access/wishAccess';
import { loadCommunity } from '../../_core/store/loadCommunity';
import { homeDistances } from '../../_core/wishes/homeDistance';

/** How many helpers are looked at: a community's helpers, as the call list reads them. */
const CANDIDATES = 300;

const HOLDS_IT = { reason: 'holds_it', message: '正在负责这个心愿' } as const;

/** Free first, then nearest (unknown last), then least loaded, then by name. */
function byFit(a: DispatchCandidate, b: DispatchCandidate): number {
  const far = (c: DispatchCandidate) => c.distanceM ?? Number.MAX_SAFE_INTEGER;
  return Number(!!a.refusal) - Number(!!b.refusal) || far(a) - far(b) || a.load - b.load || a.name.localeCompare(b.name, 'zh-CN');
}

/**
 * 派单对象: the community's helpers and co-building units for the dispatch picker, each with the unfinished wishes they
 * hold and how far they live from the wish; those the dispatch would refuse (lifecycle/dispatchTargets: at their task
 * limit, the person the wish is for, a unit with nobody in it) and those already on it come with the reason, to be shown greyed out.
 */
export default defineAction({
  input: ActionSchemas.dispatch.candidates,
  roles: ['secretary', 'grid_worker'],
  async run({ input, caller, rt }) {
    const wish = await rt.repos.wishes.load(input.wishId);
    // Refused before anyone of the community is looked up.
    if (!canRead(relationsTo(caller, wish), wish, caller)) throw new AppError('NOT_FOUND', '心愿不存在');
    const communityId = wish.communityId;
    const max = settingsOf((await loadCommunity(rt, communityId)).settings).maxOpenTasksPerHelper;
    const target = wish.status === 'assigned' ? wish.assignment?.target : undefined;
    const onIt = new Set([...wish.claims.flatMap((c) => [c.claimerId, c.assigneeId, ...(c.unitId ? [c.unitId] : [])]), ...(target ? [target.id] : [])]);

    const people = await rt.repos.users.helpersOf(communityId, CANDIDATES);
    const units = await rt.repos.org.units(communityId);
    const [loads, unitLoads, distanceOf, staffed] = await Promise.all([
      rt.repos.wishes.openLoadsOf(people.map((p) => p._id)),
      rt.repos.wishes.openUnitLoadsOf(units.map((u) => u._id)),
      homeDistances(rt, communityId, wish.location),
      Promise.all(units.map((u) => rt.repos.users.unitCanAccept(communityId, u._id))),
    ]);

    const helpers = people.map((p): DispatchCandidate => {
      const membership = p.memberships.find((m) => m.communityId === communityId);
      const load = loads.get(p._id) ?? 0;
      const distanceM = distanceOf(membership);
      const refusal = onIt.has(p._id) ? HOLDS_IT : (personRefusal(p.name, wish, p._id, membershipActive(membership)) ?? helperRefusal(p.name, load, max));
      const roles = (membership?.roles ?? []).filter((r): r is Role => (HelperRoles as readonly string[]).includes(r));
      return { kind: 'user', id: p._id, name: p.name, roles, load, ...(distanceM !== undefined ? { distanceM } : {}), ...(refusal ? { refusal: { reason: refusal.reason, message: refusal.message } } : {}) };
    });
    const unitRows = units.map((u, i): DispatchCandidate => {
      const refusal = onIt.has(u._id) ? HOLDS_IT : unitRefusal(u.name, staffed[i]);
      return { kind: 'unit', id: u._id, name: u.name, unitKind: u.kind, load: unitLoads.get(u._id) ?? 0, ...(refusal ? { refusal: { reason: refusal.reason, message: refusal.message } } : {}) };
    });
    return { helpers: helpers.sort(byFit), units: unitRows.sort(byFit), maxOpenTasks: max, at: rt.now() };
  },
});
