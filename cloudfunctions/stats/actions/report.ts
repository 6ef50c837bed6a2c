import { CategoryLabels, Categories, NO_KEY, chinaMonthRange, countOf, roundCount, type StatField, type Tally } from '@shared';
import { ActionSchemas, type ReportRow } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { tallyOf } from '../../_core/stats/counters';
import { leadersOf } from '../../_core/stats/leaders';
import { OVERVIEW_DIMS, overviewFrom } from '../../_core/stats/overview';
import { statsScope } from '../../_core/stats/scope';
import type { Runtime } from '../../_core/runtime/types';

const TOP = 5;
const STORY_TITLES = 20;
const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The monthly report for the street office: the month's overview, by category and by grid, every number counted
 * when it happened (shared/stats: posted, completed, confirmed in the month; services and hours when confirmed in
 * it), the units and party branches
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
    // One read of the counters serves every table of the report, so they agree with each other and with the dashboard.
    const [tally, stories, points] = await Promise.all([
      tallyOf(rt.repos, communityIds, range, [...OVERVIEW_DIMS, 'category', 'grid', 'unit', 'branch']),
      rt.repos.stories.publishedIn(communityIds, range, STORY_TITLES),
      rt.repos.ledger.flow(communityIds, range),
    ]);
    const overview = overviewFrom(communityIds, tally);
    const byCategory = categoryRows(tally);
    const byGrid = gridRows(tally, await rt.repos.org.gridNames(communityIds));
    const [topUnits, topBranches] = await Promise.all([leaders(rt, tally, 'unit'), leaders(rt, tally, 'party_branch')]);
    // Each story names its wish by number, so the office can ask about it on the phone.
    const numbers = await rt.repos.wishes.numbersOf(stories.map((s) => s.wishId));
    return {
      month: input.month, ...range,
      scope: {
        kind: town ? ('town' as const) : ('community' as const),
        name: town?.name ?? names.get(communityIds[0]) ?? '',
        communities: communityIds.map((id) => ({ id, name: names.get(id) ?? id })),
      },
      overview: { ...overview, serviceHours: round1(overview.serviceHours) },
      byCategory, byGrid, topUnits, topBranches, points,
      stories: { published: stories.length, titles: stories.map((s) => ({ id: s._id, title: s.title, publishedAt: s.publishedAt ?? s.updatedAt, ...(numbers.has(s.wishId) ? { wishNumber: numbers.get(s.wishId) } : {}) })) },
      generatedAt: rt.now(),
    };
  },
});

/** A row of the report: what happened in the month under one key of a split (shared/stats). */
function rowOf(t: Tally, dim: 'category' | 'grid', key: string, label: string): ReportRow {
  const n = (field: StatField) => roundCount(countOf(t, dim, key, field));
  return { key, label, collected: n('collected'), completed: n('completed'), confirmed: n('confirmed'), services: n('services'), hours: round1(n('hours')) };
}

/** Every category, in the list's order, with what was posted and served in the month; categories with nothing left out. */
function categoryRows(t: Tally): ReportRow[] {
  return Categories.map((c) => rowOf(t, 'category', c, CategoryLabels[c])).filter((r) => r.collected + r.completed + r.confirmed + r.services > 0);
}

/** Per grid (未划网格 last), busiest first. */
function gridRows(t: Tally, gridNames: Map<string, string>): ReportRow[] {
  return Object.keys(t.grid ?? {})
    .map((key) => rowOf(t, 'grid', key, key === NO_KEY ? '未划网格' : (gridNames.get(key) ?? key)))
    .filter((r) => r.collected + r.completed + r.confirmed + r.services > 0)
    .sort((a, b) => Number(a.key === NO_KEY) - Number(b.key === NO_KEY) || b.collected + b.services - (a.collected + a.services));
}

async function leaders(rt: Runtime, t: Tally, kind: 'unit' | 'party_branch') {
  const rows = leadersOf(t, kind, 'services', TOP);
  const names = kind === 'unit' ? await rt.repos.org.unitNames(rows.map((r) => r.id)) : await rt.repos.org.branchNames(rows.map((r) => r.id));
  return rows.map((r) => ({ id: r.id, name: names.get(r.id) ?? '—', services: r.services, hours: r.hours }));
}
