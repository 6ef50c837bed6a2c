import { AppError } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { newId } from '../../_core/store/ids';
import { itemView, staffCommunity } from './common';

/** The secretary puts an item on the shelf or edits one: name, points it costs, how many are there, on offer or not. */
export default defineAction({
  roles: ['secretary'],
  input: ActionSchemas.points.saveItem,
  async run({ input, caller, rt }) {
    const communityId = staffCommunity(caller, ['secretary']);
    const { itemId, ...fields } = input;
    const now = rt.now();
    if (itemId) {
      const saved = await rt.repos.store.updateItem(itemId, communityId, fields, now);
      if (!saved) throw new AppError('NOT_FOUND', '物品不存在');
      return { item: itemView(saved) };
    }
    const doc = { _id: newId(), communityId, ...fields, createdAt: now, updatedAt: now };
    if (doc.description === undefined) delete doc.description;
    await rt.repos.store.insertItem(doc);
    return { item: itemView(doc) };
  },
});
