import { AppError } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { familyLinkView, ownLink } from './common';

/** The one asked accepts (from then on each may post wishes for the other and give them hours) or declines. */
export default defineAction({
  input: ActionSchemas.timebank.answerFamily,
  async run({ input, caller, rt }) {
    const link = ownLink(await rt.repos.timebank.link(input.linkId), caller.id);
    if (link.toId !== caller.id) throw new AppError('FORBIDDEN', '请等待对方确认');
    const decided = await rt.repos.timebank.decideLink(link._id, ['pending'], input.accept ? 'accepted' : 'declined', rt.now());
    if (!decided) throw new AppError('CONFLICT', '该请求已处理，请刷新');
    return { link: familyLinkView(decided, caller) };
  },
});
