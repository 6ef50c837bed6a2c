import { ActionSchemas, type Open311KeyView } from '@shared/actions';
import { requireCommunity } from '../../_core/access/caller';
import { keyViewOf, newKey } from '../../_core/open311/keys';
import { defineAction } from '../../_core/routing/action';
import { newId } from '../../_core/store/ids';

/**
 * The secretary issues a key to one Open311 client: bound to this community, posting as proxy entries in the
 * secretary's name. The key is in this reply only; only its hash is kept, and a retry of the same request
 * (same requestId) is answered without it (`replayed`).
 */
export default defineAction({
  input: ActionSchemas.open311.issueKey,
  roles: ['secretary'],
  replayed: ({ key }: { key: Open311KeyView; secret?: string }) => ({ key }),
  async run({ input, caller, rt }) {
    const { secret, hash, prefix } = newKey();
    const doc = { _id: newId(), communityId: requireCommunity(caller), label: input.label, hash, prefix, createdBy: caller.id, createdAt: rt.now() };
    await rt.repos.open311Keys.insert(doc);
    return { key: keyViewOf(doc, new Map([[caller.id, caller.user.name]])), secret };
  },
});
