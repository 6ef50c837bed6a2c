import { open311Services } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { loadCommunity } from '../../_core/store/loadCommunity';

/** GeoReport's service list: our categories (shared/open311 `open311Services`), the same for every community served. */
export default defineAction({
  auth: 'public',
  input: ActionSchemas.open311.services,
  async run({ input, rt }) {
    await loadCommunity(rt, input.jurisdiction_id);
    return { services: open311Services() };
  },
});
