import { MongoServerError } from 'mongodb';
import { collections } from './store/collections';
import { newId } from './ids';
import type { Runtime, UserDoc } from './types';

/** The user of a WeChat openid, created member-less on first sight (they join a community by invite). */
export async function userOfOpenid(rt: Runtime, openid: string): Promise<UserDoc> {
  const { users } = collections(rt.db);
  const found = await users.findOne({ openid });
  if (found) return found;
  const user: UserDoc = { _id: newId(), openid, name: '微信用户', memberships: [], createdAt: rt.now() };
  try {
    await users.insertOne(user);
    return user;
  } catch (err) {
    // Two first calls at once: the unique openid index lets one insert win.
    if (err instanceof MongoServerError && err.code === 11000) return (await users.findOne({ openid }))!;
    throw err;
  }
}
