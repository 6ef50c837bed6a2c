import { AppError } from '@shared';
import { familyLinkId } from '../store/timebank';
import type { Repositories } from '../store/repositories';

/**
 * The family member `otherId` of `userId`, by a link the other accepted: who a wish may be posted for and hours
 * given to. Anyone else is refused the same way, whether they exist or not.
 */
export async function familyMemberOf(repos: Repositories, userId: string, otherId: string): Promise<{ userId: string; name: string }> {
  const link = await repos.timebank.link(familyLinkId(userId, otherId));
  if (!link || link.status !== 'accepted' || userId === otherId) {
    throw new AppError('VALIDATION_FAILED', '只能为已确认关系的家人发布', { fields: [{ path: 'forFamilyId', message: '对方不是已确认关系的家人' }] });
  }
  return link.fromId === otherId ? { userId: otherId, name: link.fromName } : { userId: otherId, name: link.toName };
}
