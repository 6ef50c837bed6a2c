import { OPEN311_MAX_REQUESTS, Open311Statuses, requestWindow, statesOfStatus } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { PUBLIC_CATEGORIES, PUBLIC_STATES, publicRequests } from '../../_core/open311/requests';
import { defineAction } from '../../_core/routing/action';
import { loadCommunity } from '../../_core/store/loadCommunity';

const at = (w3c?: string) => (w3c === undefined ? undefined : new Date(w3c));

/**
 * GeoReport's request list for one community (`jurisdiction_id`): by id (which overrides every other filter), or
 * by service, status and a span of at most 90 days (the last 90 by default), newest first, 1000 at most a page.
 * Only wishes the public wall's rule lets anyone see: approved, not cancelled, never a sensitive category.
 */
export default defineAction({
  auth: 'public',
  input: ActionSchemas.open311.requests,
  async run({ input, rt }) {
    const community = await loadCommunity(rt, input.jurisdiction_id);
    const size = input.page_size ?? OPEN311_MAX_REQUESTS;
    const page = { skip: ((input.page ?? 1) - 1) * size, limit: size };
    if (input.service_request_id) {
      return { requests: await publicRequests(rt, community, { states: PUBLIC_STATES, categories: PUBLIC_CATEGORIES, ids: input.service_request_id, ...page }) };
    }
    const window = requestWindow(at(input.start_date), at(input.end_date), rt.now());
    const states = statesOfStatus(input.status ?? Open311Statuses);
    const categories = input.service_code ?? PUBLIC_CATEGORIES;
    return { requests: await publicRequests(rt, community, { states, categories, ...window, ...page }) };
  },
});
