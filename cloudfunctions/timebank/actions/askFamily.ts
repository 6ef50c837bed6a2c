import { AppError, askFamilyRefusal } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { familyLinkId } from '../../_core/store/timebank';
import { familyLinkView } from './common';

/**
 * A member asks someone to be linked as family, by the phone number that person registered with. Nothing is
 * shared until they accept (timebank.answerFamily): a wish for them, hours given to them.
 */
export default defineAction({
  input: ActionSchemas.timebank.askFamily,
  async run({ input, caller, rt }) {
    const other = await rt.repos.users.onlyUserWithPhone(input.phone);
    if (!other) throw new AppError('NOT_FOUND', '没有找到用这个手机号注册的用户，请核对');
    const id = familyLinkId(caller.id, other._id);
    const refusal = askFamilyRefusal(caller.id, other._id, await rt.repos.timebank.link(id));
    if (refusal) throw new AppError('CONFLICT', refusal);
    const link = await rt.repos.timebank.askLink({
      _id: id, fromId: caller.id, fromName: caller.user.name ?? '', toId: other._id, toName: other.name ?? '', relation: input.relation, status: 'pending', createdAt: rt.now(),
    });
    if (!link) throw new AppError('CONFLICT', '已有一个待确认的请求');
    return { link: familyLinkView(link, caller) };
  },
});
