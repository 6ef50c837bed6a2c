import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { overviewOf } from '../../_core/stats/overview';
import { statsScope } from '../../_core/stats/scope';

/** The headline numbers ("1,500 wishes collected, 1,800 services delivered") of a community or town. */
export default defineAction({
  input: ActionSchemas.stats.overview,
  async run({ input, caller, rt }) {
    const scope = await statsScope(rt, caller, input.communityId);
    return overviewOf(rt, scope.communityIds, input);
  },
});
