import { AppError } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { userCache } from '../../_core/access/caller';
import { userView } from '../../_core/access/userView';

/** The signed-in person's own choices: whether the wall and the leaderboard name them in full. */
export default defineAction({
  input: ActionSchemas.org.updateMe,
  async run({ input, caller, rt }) {
    const user = await rt.repos.users.setChoices(caller.id, { showFullName: input.showFullName }, rt.now());
    if (!user) throw new AppError('NOT_FOUND', '用户不存在');
    userCache.forget(rt.repos, caller.id);
    return { user: await userView(rt, user) };
  },
});
