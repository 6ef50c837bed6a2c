import { AppError } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { familyLinkView, ownLink } from './common';

/** Either end removes a link (the one who asked may withdraw the request). Hours already given stay given. */
export default defineAction({
  input: ActionSchemas.timebank.removeFamily,
  async run({ input, caller, rt }) {
    const link = ownLink(await rt.repos.timebank.link(input.linkId), caller.id);
    const removed = await rt.repos.timebank.decideLink(link._id, ['pending', 'accepted'], 'removed', rt.now());
    if (!removed) throw new AppError('CONFLICT', '该关系已解除或已处理');
    return { link: familyLinkView(removed, caller) };
  },
});
