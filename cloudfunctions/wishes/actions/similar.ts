import { z } from 'zod';
import { Category, GeoPoint } from '@shared';
import { defineAction } from '../../_core/action';
import { requireCommunity } from '../../_core/caller';
import { findSimilar } from '../../_core/similar';

/** Before posting: open wishes of the same kind close by, so a neighbour's request is joined, not doubled. */
export const SimilarInput = z.strictObject({ category: Category, location: GeoPoint });

export default defineAction({
  input: SimilarInput,
  async run({ input, caller, rt }) {
    return { items: await findSimilar(rt, requireCommunity(caller), input) };
  },
});
