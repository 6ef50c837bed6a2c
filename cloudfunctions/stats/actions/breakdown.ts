import { CategoryLabels, ChannelLabels, WishStateLabels } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { collections } from '../../_core/store/collections';
import { has, rangeMatch, requireStaffOrTown, statsScope } from '../../_core/statsScope';

const WISH_KEYS = {
  category: '$category',
  status: '$status',
  grid: '$gridId',
  channel: '$channel',
  month: { $dateToString: { format: '%Y-%m', date: '$createdAt', timezone: '+08:00' } },
} as const;

/** Numbers split by month, category, grid, channel, status (wishes) or unit, party branch (services): the dashboard's charts. */
export default defineAction({
  input: ActionSchemas.stats.breakdown,
  async run({ input, caller, rt }) {
    requireStaffOrTown(caller);
    const scope = await statsScope(rt, caller, input.communityId);
    const { wishes, services, grids, units, partyBranches } = collections(rt.db);
    const inScope = { communityId: { $in: scope.communityIds } };
    if (input.by === 'unit' || input.by === 'party_branch') {
      const field = input.by === 'unit' ? '$unitId' : '$partyBranchId';
      const rows = await services
        .aggregate<{ _id: string | null; services: number; hours: number }>([
          { $match: { ...inScope, ...rangeMatch('at', input) } },
          { $group: { _id: field, services: { $sum: 1 }, hours: { $sum: '$hours' } } },
          { $sort: { services: -1 } },
        ])
        .toArray();
      const ids = rows.flatMap((r) => (r._id ? [r._id] : []));
      const names = new Map(
        input.by === 'unit'
          ? (await units.find({ _id: { $in: ids } }).toArray()).map((u) => [u._id, u.name])
          : (await partyBranches.find({ _id: { $in: ids } }).toArray()).map((b) => [b._id, b.name]),
      );
      return { by: input.by, rows: rows.map((r) => ({ key: r._id ?? 'none', label: r._id ? (names.get(r._id) ?? r._id) : input.by === 'unit' ? '个人志愿者' : '未编入党组织', count: r.services, services: r.services, hours: r.hours })) };
    }
    const rows = await wishes
      .aggregate<{ _id: string | null; collected: number; completed: number; confirmed: number }>([
        { $match: { ...inScope, ...rangeMatch('createdAt', input) } },
        { $group: { _id: WISH_KEYS[input.by], collected: { $sum: 1 }, completed: { $sum: has('doneAt') }, confirmed: { $sum: has('confirmedAt') } } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    const gridNames = input.by === 'grid' ? new Map((await grids.find(inScope).toArray()).map((g) => [g._id, g.name])) : new Map<string, string>();
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
