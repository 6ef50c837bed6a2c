import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { collections } from '../../_core/store/collections';
import { rangeMatch, statsScope } from '../../_core/statsScope';

/** Who served most: volunteers, co-building units or party branches, by services or hours. */
export default defineAction({
  input: ActionSchemas.stats.leaderboard,
  async run({ input, caller, rt }) {
    const scope = await statsScope(rt, caller, input.communityId);
    const { services, users, units, partyBranches } = collections(rt.db);
    const field = { volunteer: '$userId', unit: '$unitId', party_branch: '$partyBranchId' }[input.kind];
    const sortKey = input.metric === 'hours' ? 'hours' : 'services';
    const rows = await services
      .aggregate<{ _id: string; services: number; hours: number }>([
        { $match: { communityId: { $in: scope.communityIds }, ...rangeMatch('at', input), [field.slice(1)]: { $type: 'string' } } },
        { $group: { _id: field, services: { $sum: 1 }, hours: { $sum: '$hours' } } },
        { $sort: { [sortKey]: -1, _id: 1 } },
        { $limit: input.limit },
      ])
      .toArray();
    const ids = rows.map((r) => r._id);
    const named =
      input.kind === 'volunteer'
        ? await users.find({ _id: { $in: ids } }, { projection: { name: 1 } }).toArray()
        : input.kind === 'unit'
          ? await units.find({ _id: { $in: ids } }, { projection: { name: 1 } }).toArray()
          : await partyBranches.find({ _id: { $in: ids } }, { projection: { name: 1 } }).toArray();
    const names = new Map(named.map((x) => [x._id, x.name]));
    return {
      kind: input.kind,
      metric: input.metric,
      rows: rows.map((r, i) => ({ rank: i + 1, id: r._id, name: names.get(r._id) ?? '—', services: r.services, hours: r.hours })),
    };
  },
});
