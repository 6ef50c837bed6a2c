import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { requireCommunity } from '../../_core/access/caller';
import { findSimilar } from '../../_core/wishes/similar';

/** Before posting: open wishes of the same kind close by, so a neighbour's request is joined, not doubled. */
export default defineAction({
  input: ActionSchemas.wishes.similar,
  async run({ input, caller, rt }) {
    return { items: await findSimilar(rt, caller, requireCommunity(caller), input) };
  },
});
