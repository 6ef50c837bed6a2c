import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { applyAction } from '../../_core/wishes/apply';
import type { GeoPoint } from '@shared';
import { checkWishText, gridOfWish } from '../../_core/wishes/newWish';
import type { StoredExtra } from '../../_core/store/wishes';
import type { WishDoc } from '../../_core/store/types';
import { wishView } from '../../_core/wishes/views';

/** The resident (or staff triaging) edits a wish while it waits for review. */
export default defineAction({
  input: ActionSchemas.wishes.update,
  async run({ input, caller, rt }) {
    const { wishId, ...edits } = input;
    const wish = await rt.repos.wishes.load(wishId);
    await checkWishText(rt, caller, edits);
    const { wish: after } = await applyAction(rt, { wish, action: 'update', caller, input: { edits }, extra: await gridEdit(rt, wish, edits) });
    return { wish: wishView(after, caller) };
  },
});

/** The grid follows the building (checked to be this community's) or, without one, the place. */
export async function gridEdit(rt: Parameters<typeof gridOfWish>[0], wish: Pick<WishDoc, 'communityId' | 'buildingId' | 'location'>, edits: { buildingId?: string | null; location?: GeoPoint }): Promise<StoredExtra | undefined> {
  if (edits.buildingId === undefined && (edits.location === undefined || wish.buildingId)) return undefined;
  const buildingId = edits.buildingId === undefined ? wish.buildingId : edits.buildingId;
  const gridId = await gridOfWish(rt, wish.communityId, { buildingId, location: edits.location ?? wish.location });
  return gridId ? { set: { gridId } } : { unset: ['gridId'] };
}
