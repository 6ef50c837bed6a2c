import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { viewOf } from './common';

/** The certificates I was issued, newest first. */
export default defineAction({
  input: ActionSchemas.certificates.mine,
  async run({ caller, rt }) {
    return { items: (await rt.repos.certificates.ofHolder(caller.id)).map(viewOf) };
  },
});
