import { CategoryLabels, ChannelLabels, NO_KEY, WishStateLabels, chinaMonthRange, roundCount, type StatDim } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { tallyOf } from '../../_core/stats/counters';
import { monthsOf } from '../../_core/stats/months';
import { requireStaffOrTown, statsScope } from '../../_core/stats/scope';

/** Which split of the counters each breakdown reads. */
const DIM = { category: 'category', status: 'status', grid: 'grid', channel: 'channel', month: 'all', unit: 'unit', party_branch: 'branch' } as const satisfies Record<string, StatDim>;

/**
 * Numbers split by category, grid, channel, month, status (wishes) or unit, party branch (services): the dashboard's
 * charts. Each counted when it happened (shared/stats): a category's "completed" are its completions in the window.
 */
export default defineAction({
  input: ActionSchemas.stats.breakdown,
  async run({ input, caller, rt }) {
    requireStaffOrTown(caller);
    const scope = await statsScope(rt, caller, input.communityId);
    const { org } = rt.repos;
    const range = { from: input.from, to: input.to };
    if (input.by === 'unit' || input.by === 'party_branch') {
      const keys = (await tallyOf(rt.repos, scope.communityIds, range, [DIM[input.by]]))[DIM[input.by]] ?? {};
      const rows = Object.entries(keys)
        .map(([key, r]) => ({ key, services: roundCount(r.services ?? 0), hours: Math.round((r.hours ?? 0) * 10) / 10 }))
        .filter((r) => r.services > 0)
        .sort((a, b) => b.services - a.services || a.key.localeCompare(b.key));
      const ids = rows.flatMap((r) => (r.key === NO_KEY ? [] : [r.key]));
      const names = input.by === 'unit' ? await org.unitNames(ids) : await org.branchNames(ids);
      const none = input.by === 'unit' ? '个人志愿者' : '未编入党组织';
      return { by: input.by, rows: rows.map((r) => ({ ...r, label: r.key === NO_KEY ? none : (names.get(r.key) ?? r.key), count: r.services })) };
    }
    if (input.by === 'month') {
      const months = await monthsOf(rt, scope.communityIds, range);
      const rows = [];
      for (const month of months) {
        const m = chinaMonthRange(month);
        const window = { from: maxIso(m.from, range.from), to: minIso(m.to, range.to) };
        const all = (await tallyOf(rt.repos, scope.communityIds, window, ['all'])).all?._ ?? {};
        if (!all.collected && !all.completed && !all.confirmed) continue;
        rows.push({ key: month, label: month, count: all.collected ?? 0, collected: all.collected ?? 0, completed: all.completed ?? 0, confirmed: all.confirmed ?? 0 });
      }
      return { by: input.by, rows };
    }
    const keys = (await tallyOf(rt.repos, scope.communityIds, range, [DIM[input.by]]))[DIM[input.by]] ?? {};
    const gridNames = input.by === 'grid' ? await org.gridNames(scope.communityIds) : new Map<string, string>();
    const label = (key: string): string => {
      if (key === NO_KEY) return input.by === 'grid' ? '未划网格' : '未知';
      if (input.by === 'category') return CategoryLabels[key as keyof typeof CategoryLabels] ?? key;
      if (input.by === 'status') return WishStateLabels[key as keyof typeof WishStateLabels] ?? key;
      if (input.by === 'channel') return ChannelLabels[key as keyof typeof ChannelLabels] ?? key;
      if (input.by === 'grid') return gridNames.get(key) ?? key;
      return key;
    };
    const rows = Object.entries(keys)
      .map(([key, r]) => ({ key, label: label(key), count: r.collected ?? 0, collected: r.collected ?? 0, completed: r.completed ?? 0, confirmed: r.confirmed ?? 0 }))
      .filter((r) => r.collected + r.completed + r.confirmed > 0)
      .sort((a, b) => a.key.localeCompare(b.key));
    return { by: input.by, rows };
  },
});

const maxIso = (a: string, b?: string) => (b && new Date(b) > new Date(a) ? b : a);
const minIso = (a: string, b?: string) => (b && new Date(b) < new Date(a) ? b : a);
