import { branchUnitOf, rollUp, roundCount, unitBranchOf, type BranchCounts } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { tallyOf } from '../../_core/stats/counters';
import { statsScope } from '../../_core/stats/scope';
import { loadCommunity } from '../../_core/store/loadCommunity';

const zero: BranchCounts = { services: 0, hours: 0, members: 0, reported: 0 };
const round1 = (h: number) => Math.round(h * 10) / 10;

/**
 * The party tree with its numbers: each branch's own services, hours, party members and 报到, and the same rolled up
 * the tree (楼栋党小组 → 小区党支部 → 社区党总支 → 镇党委; shared/org `rollUp`, each service or member once per branch).
 * A 双报到 party member (a unit's person reporting where they live) counts for their unit's 单位党支部 and their
 * residence branch. Per unit: its party members, how many reported, and the services of its people.
 */
export default defineAction({
  input: ActionSchemas.stats.branches,
  roles: ['secretary', 'grid_worker', 'town_admin'],
  async run({ input, caller, rt }) {
    const { communityIds } = await statsScope(rt, caller, input.communityId);
    const { org, users } = rt.repos;
    const towns = [...new Set((await Promise.all(communityIds.map((id) => loadCommunity(rt, id)))).map((c) => c.townId))];
    const tree = (await Promise.all(towns.map((t) => org.branchesOfTown(t))))
      .flat()
      .filter((b) => b.level === 'town' || (b.communityId !== undefined && communityIds.includes(b.communityId)))
      .map(({ _id, ...b }) => ({ ...b, id: _id }));
    const [tally, members, units] = await Promise.all([
      // The kept counters (stats/counters), as the overview reads them: services by branch and unit together.
      tallyOf(rt.repos, communityIds, input, ['branchUnit']),
      users.partyMembersIn(communityIds),
      Promise.all(communityIds.map((id) => org.units(id))).then((l) => l.flat()),
    ]);
    const serviceRows = Object.entries(tally.branchUnit ?? {})
      .map(([key, n]) => ({ ...branchUnitOf(key), services: roundCount(n.services ?? 0), hours: n.hours ?? 0 }))
      .filter((r) => r.services !== 0);
    const unitBranch = (u?: string | null) => unitBranchOf(tree, u ?? undefined)?.id;
    const rows = [
      ...serviceRows.map((r) => ({ branchIds: [r.partyBranchId, unitBranch(r.unitId)], values: { ...zero, services: r.services, hours: r.hours } })),
      ...members.map((m) => ({ branchIds: [m.partyBranchId, unitBranch(m.unitId)], values: { ...zero, members: 1, reported: m.reportedAt ? 1 : 0 } })),
    ];
    const total = rollUp(tree, rows, zero);
    const own = rollUp(tree.map(({ parentId: _parent, ...b }) => b), rows, zero);
    const rounded = (c: BranchCounts) => ({ ...c, hours: round1(c.hours) });
    return {
      branches: tree
        .filter((b) => !b.closedAt)
        .map((b) => ({
          id: b.id, level: b.level, name: b.name, ...(b.parentId ? { parentId: b.parentId } : {}),
          ...(b.communityId ? { communityId: b.communityId } : {}), ...(b.unitId ? { unitId: b.unitId } : {}),
          own: rounded(own.get(b.id)!), total: rounded(total.get(b.id)!),
        })),
      units: units.map((u) => {
        const people = members.filter((m) => m.unitId === u._id);
        const served = serviceRows.filter((r) => r.unitId === u._id);
        return {
          id: u._id, name: u.name, kind: u.kind,
          members: people.length, reported: people.filter((m) => m.reportedAt).length,
          services: served.reduce((n, r) => n + r.services, 0), hours: round1(served.reduce((n, r) => n + r.hours, 0)),
        };
      }),
    };
  },
});
