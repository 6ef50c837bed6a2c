import { helperNameOf } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { tallyOf } from '../../_core/stats/counters';
import { LEADER_DIM, leadersOf } from '../../_core/stats/leaders';
import { statsScope } from '../../_core/stats/scope';

/** Who served most: volunteers, co-building units or party branches, by services or hours confirmed in the window. */
export default defineAction({
  input: ActionSchemas.stats.leaderboard,
  async run({ input, caller, rt }) {
    const scope = await statsScope(rt, caller, input.communityId);
    const metric = input.metric === 'hours' ? 'hours' : 'services';
    const tally = await tallyOf(rt.repos, scope.communityIds, { from: input.from, to: input.to }, [LEADER_DIM[input.kind]]);
    const rows = leadersOf(tally, input.kind, metric, input.limit);
    const ids = rows.map((r) => r.id);
    // A volunteer is named as they chose, or to staff (shared/privacy `helperNameOf`); units and branches are public bodies.
    const viewer = { kind: 'user' as const, userId: caller.id, roles: caller.roles, communityId: caller.communityId, townId: caller.townId };
    const names: Map<string, string> =
      input.kind === 'volunteer'
        ? new Map([...(await rt.repos.users.helperNames(ids))].map(([id, helper]) => [id, helperNameOf(helper, viewer)]))
        : input.kind === 'unit' ? await rt.repos.org.unitNames(ids) : await rt.repos.org.branchNames(ids);
    return {
      kind: input.kind,
      metric: input.metric,
      rows: rows.map((r, i) => ({ rank: i + 1, id: r.id, name: names.get(r.id) ?? '—', services: r.services, hours: r.hours })),
    };
  },
});
