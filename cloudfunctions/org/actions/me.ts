import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { userView } from '../../_core/access/userView';

/**
 * Who am I: WeChat cloud's answer to `GET /api/auth/me`. The router has already resolved
 * the caller, so a first-time openid arrives here as a new member-less user (see
 * userOfOpenid) and is told so: no roles, no community, join by invite code.
 */
export default defineAction({
  input: ActionSchemas.org.me,
  async run({ caller, rt }) {
    // Read past the caller cache: the client asks exactly when roles may just have changed.
    const user = (await rt.repos.users.find(caller.id)) ?? caller.user;
    return { user: await userView(rt, user) };
  },
});
