import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { applyAction } from '../../_core/wishes/apply';
import { checkWishText, gridOfBuilding } from '../../_core/wishes/newWish';
import type { StoredExtra } from '../../_core/store/wishes';
import { wishView } from '../../_core/wishes/views';

/** The resident (or staff triaging) edits a wish while it waits for review. */
export default defineAction({
  input: ActionSchemas.wishes.update,
  async run({ input, caller, rt }) {
    const { wishId, ...edits } = input;
    const wish = await rt.repos.wishes.load(wishId);
    await checkWishText(rt, caller, edits);
    const { wish: after } = await applyAction(rt, { wish, action: 'update', caller, input: { edits }, extra: await gridEdit(rt, wish.communityId, edits.buildingId) });
    return { wish: wishView(after, caller) };
  },
});

/** The grid follows the building (checked to be this community's). */
export async function gridEdit(rt: Parameters<typeof gridOfBuilding>[0], communityId: string, buildingId?: string | null): Promise<StoredExtra | undefined> {
  if (buildingId === undefined) return undefined;
  const gridId = await gridOfBuilding(rt, communityId, buildingId);
  return gridId ? { set: { gridId } } : { unset: ['gridId'] };
}
