import { CategoryLabels, Categories, chinaMonthRange } from '@shared';
import { ActionSchemas, type ReportRow } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { overviewOf } from '../../_core/stats/overview';
import { statsScope } from '../../_core/stats/scope';
import type { Runtime } from '../../_core/runtime/types';
import type { Range } from '../../_core/store/range';

const TOP = 5;
const STORY_TITLES = 20;
const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The monthly report for the street office: the month's overview by event time, by category and by grid
 * (wishes posted in the month; services and hours when confirmed in it), the units and party branches
 * that served most, the 积分 issued and redeemed, and the 微故事 published. One community, or a town admin's whole town.
 */
export default defineAction({
  roles: ['secretary', 'grid_worker', 'town_admin'],
  input: ActionSchemas.stats.report,
  async run({ input, caller, rt }) {
    const { communityIds } = await statsScope(rt, caller, input.communityId);
    const range = chinaMonthRange(input.month);
    const names = await rt.repos.communities.names(communityIds);
    const town = !input.communityId && caller.roles.includes('town_admin') && caller.townId ? await rt.repos.communities.town(caller.townId) : null;
    const [overview, byCategory, byGrid, topUnits, topBranches, stories, points] = await Promise.all([
      overviewOf(rt, communityIds, range),
      categoryRows(rt, communityIds, range),
      gridRows(rt, communityIds, range),
      leaders(rt, communityIds, range, 'unit'),
      leaders(rt, communityIds, range, 'party_branch'),
      rt.repos.stories.publishedIn(communityIds, range, STORY_TITLES),
      rt.repos.ledger.flow(communityIds, range),
    ]);
    return {
      month: input.month, ...range,
      scope: {
        kind: town ? ('town' as const) : ('community' as const),
        name: town?.name ?? names.get(communityIds[0]) ?? '',
        communities: communityIds.map((id) => ({ id, name: names.get(id) ?? id })),
      },
      overview: { ...overview, serviceHours: round1(overview.serviceHours) },
      byCategory, byGrid, topUnits, topBranches, points,
      stories: { published: stories.length, titles: stories.map((s) => ({ id: s._id, title: s.title, publishedAt: s.publishedAt ?? s.updatedAt })) },
      generatedAt: rt.now(),
    };
  },
});

const emptyRow = (key: string, label: string): ReportRow => ({ key, label, collected: 0, completed: 0, confirmed: 0, services: 0, hours: 0 });

/** Every category, in the list's order, with what was posted and what was served; categories with nothing left out. */
async function categoryRows(rt: Runtime, communityIds: string[], range: Range): Promise<ReportRow[]> {
  const rows = new Map(Categories.map((c) => [c as string, emptyRow(c, CategoryLabels[c])]));
  for (const r of await rt.repos.wishes.byKey(communityIds, range, 'category')) {
    const row = rows.get(r._id ?? '');
    if (row) Object.assign(row, { collected: r.collected, completed: r.completed, confirmed: r.confirmed });
  }
  for (const r of await rt.repos.services.byCategory(communityIds, range)) {
    const row = rows.get(r._id);
    if (row) Object.assign(row, { services: r.services, hours: round1(r.hours) });
  }
  return [...rows.values()].filter((r) => r.collected + r.services > 0);
}

/** Per grid (未划网格 last): wishes posted in it, and the services of its wishes confirmed in the month. */
async function gridRows(rt: Runtime, communityIds: string[], range: Range): Promise<ReportRow[]> {
  const gridNames = await rt.repos.org.gridNames(communityIds);
  const rows = new Map<string, ReportRow>();
  const rowOf = (gridId: string | null | undefined) => {
    const key = gridId ?? 'none';
    let row = rows.get(key);
    if (!row) rows.set(key, (row = emptyRow(key, gridId ? (gridNames.get(gridId) ?? gridId) : '未划网格')));
    return row;
  };
  for (const r of await rt.repos.wishes.byKey(communityIds, range, 'grid')) Object.assign(rowOf(r._id), { collected: r.collected, completed: r.completed, confirmed: r.confirmed });
  const served = await rt.repos.services.byWish(communityIds, range);
  const grids = await rt.repos.wishes.gridsOf(served.map((s) => s._id));
  for (const s of served) {
    const row = rowOf(grids.get(s._id));
    row.services += s.services;
    row.hours = round1(row.hours + s.hours);
  }
  return [...rows.values()].sort((a, b) => Number(a.key === 'none') - Number(b.key === 'none') || b.collected + b.services - (a.collected + a.services));
}

async function leaders(rt: Runtime, communityIds: string[], range: Range, kind: 'unit' | 'party_branch') {
  const rows = await rt.repos.services.leaders(communityIds, range, kind, 'services', TOP);
  const names = kind === 'unit' ? await rt.repos.org.unitNames(rows.map((r) => r._id)) : await rt.repos.org.branchNames(rows.map((r) => r._id));
  return rows.map((r) => ({ id: r._id, name: names.get(r._id) ?? '—', services: r.services, hours: round1(r.hours) }));
}
