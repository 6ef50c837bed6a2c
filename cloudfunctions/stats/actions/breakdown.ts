import { CategoryLabels, ChannelLabels, WishStateLabels } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { requireStaffOrTown, statsScope } from '../../_core/stats/scope';

/** Numbers split by month, category, grid, channel, status (wishes) or unit, party branch (services): the dashboard's charts. */
export default defineAction({
  input: ActionSchemas.stats.breakdown,
  async run({ input, caller, rt }) {
    requireStaffOrTown(caller);
    const scope = await statsScope(rt, caller, input.communityId);
    const { wishes, services, org } = rt.repos;
    if (input.by === 'unit' || input.by === 'party_branch') {
      const rows = await services.byGroup(scope.communityIds, input, input.by);
      const ids = rows.flatMap((r) => (r._id ? [r._id] : []));
      const names = input.by === 'unit' ? await org.unitNames(ids) : await org.branchNames(ids);
      return { by: input.by, rows: rows.map((r) => ({ key: r._id ?? 'none', label: r._id ? (names.get(r._id) ?? r._id) : input.by === 'unit' ? '个人志愿者' : '未编入党组织', count: r.services, services: r.services, hours: r.hours })) };
    }
    const rows = await wishes.byKey(scope.communityIds, input, input.by);
    const gridNames = input.by === 'grid' ? await org.gridNames(scope.communityIds) : new Map<string, string>();
    const label = (key: string | null): string => {
      if (key === null) return input.by === 'grid' ? '未划网格' : '未知';
      if (input.by === 'category') return CategoryLabels[key as keyof typeof CategoryLabels] ?? key;
      if (input.by === 'status') return WishStateLabels[key as keyof typeof WishStateLabels] ?? key;
      if (input.by === 'channel') return ChannelLabels[key as keyof typeof ChannelLabels] ?? key;
      if (input.by === 'grid') return gridNames.get(key) ?? key;
      return key;
    };
    return { by: input.by, rows: rows.map((r) => ({ key: r._id ?? 'none', label: label(r._id), count: r.collected, collected: r.collected, completed: r.completed, confirmed: r.confirmed })) };
  },
});
