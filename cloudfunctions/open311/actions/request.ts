import { AppError } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { PUBLIC_CATEGORIES, PUBLIC_STATES, publicRequests } from '../../_core/open311/requests';
import { defineAction } from '../../_core/routing/action';
import { loadCommunity } from '../../_core/store/loadCommunity';

/** One request by its id; a wish that is not public is not found, as if it did not exist. */
export default defineAction({
  auth: 'public',
  input: ActionSchemas.open311.request,
  async run({ input, rt }) {
    const community = await loadCommunity(rt, input.jurisdiction_id);
    const [request] = await publicRequests(rt, community, { states: PUBLIC_STATES, categories: PUBLIC_CATEGORIES, ids: [input.service_request_id], skip: 0, limit: 1 });
    if (!request) throw new AppError('NOT_FOUND', '没有这个请求，或它不公开');
    return { request };
  },
});
