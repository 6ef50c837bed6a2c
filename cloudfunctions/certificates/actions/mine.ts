import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { viewOf } from './common';

/**
 * The certificates I was issued, newest first, and what I served in my community so far: the hours page's totals,
 * counted from the same confirmed service records by the same rule as a certificate (`services.ofHelper`).
 */
export default defineAction({
  input: ActionSchemas.certificates.mine,
  async run({ caller, rt }) {
    const served = caller.communityId ? await rt.repos.services.ofHelper(caller.id, caller.communityId, {}) : { services: 0, hours: 0 };
    return { items: (await rt.repos.certificates.ofHolder(caller.id)).map(viewOf), served };
  },
});
