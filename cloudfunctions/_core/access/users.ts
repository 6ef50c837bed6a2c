import { newId } from '../store/ids';
import type { Runtime } from '../runtime/types';
import type { UserDoc } from '../store/types';

/** The user of a WeChat openid, created member-less on first sight (they join a community by invite). */
export function userOfOpenid(rt: Runtime, openid: string): Promise<UserDoc> {
  return rt.repos.users.ofOpenid(openid, () => ({ _id: newId(), openid, name: '微信用户', memberships: [], createdAt: rt.now() }));
}
