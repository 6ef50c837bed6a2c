import { AppError } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { requireCommunity } from '../../_core/access/caller';
import { keyViewOf } from '../../_core/open311/keys';
import { defineAction } from '../../_core/routing/action';

/** The secretary stops a key: its next post is refused (403). Revoking twice is the same as once. */
export default defineAction({
  input: ActionSchemas.open311.revokeKey,
  roles: ['secretary'],
  async run({ input, caller, rt }) {
    const doc = await rt.repos.open311Keys.revoke(requireCommunity(caller), input.keyId, caller.id, rt.now());
    if (!doc) throw new AppError('NOT_FOUND', '没有这个密钥');
    const names = await rt.repos.users.names([doc.createdBy]);
    return { key: keyViewOf(doc, names) };
  },
});
