import { createHash, randomBytes } from 'node:crypto';
import { AppError, type Open311KeyView } from '@shared';
import { callerOf, hasRole, type Caller } from '../access/caller';
import type { Runtime } from '../runtime/types';
import type { Open311KeyDoc } from '../store/open311Keys';

/** What every key starts with: a leaked one is recognisable as ours in a log or a repository scan. */
const KEY_PREFIX = 'xy311_';
/** How much of a key the secretary's list shows. */
const SHOWN = KEY_PREFIX.length + 4;

export const hashOfKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

/** A new key: 32 random bytes. The caller stores `doc` (its hash) and shows `secret` once. */
export function newKey(): { secret: string; hash: string; prefix: string } {
  const secret = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashOfKey(secret), prefix: secret.slice(0, SHOWN) };
}

export function keyViewOf(doc: Open311KeyDoc, names: ReadonlyMap<string, string>): Open311KeyView {
  const view: Open311KeyView = { id: doc._id, label: doc.label, prefix: doc.prefix, createdAt: doc.createdAt, createdByName: names.get(doc.createdBy) ?? '' };
  if (doc.revokedAt) view.revokedAt = doc.revokedAt;
  if (doc.lastUsedAt) view.lastUsedAt = doc.lastUsedAt;
  return view;
}

/**
 * Who posts with this key: its issuer, as staff of the key's community (whatever community they act in now).
 * No key is 401; a key that is unknown, revoked, of another community, or whose issuer is no longer staff
 * there is 403, and nothing is written.
 */
export async function keyHolder(rt: Runtime, apiKey: string | undefined, communityId: string): Promise<{ key: Open311KeyDoc; caller: Caller }> {
  if (!apiKey) throw new AppError('UNAUTHENTICATED', '提交请求需要 api_key（由社区书记在“组织管理 → 社区设置”中签发）');
  const key = await rt.repos.open311Keys.byHash(hashOfKey(apiKey));
  if (!key) throw new AppError('FORBIDDEN', 'api_key 无效');
  if (key.revokedAt) throw new AppError('FORBIDDEN', '此 api_key 已被社区停用');
  if (key.communityId !== communityId) throw new AppError('FORBIDDEN', '此 api_key 不属于该社区（jurisdiction_id）');
  const user = await rt.repos.users.find(key.createdBy);
  const member = user?.memberships.some((m) => m.communityId === communityId);
  const caller = user && member ? callerOf({ ...user, actingCommunityId: communityId }) : null;
  if (!caller || !hasRole(caller, 'secretary', 'grid_worker')) throw new AppError('FORBIDDEN', '签发此 api_key 的工作人员已不在本社区任职，请重新签发');
  return { key, caller };
}
