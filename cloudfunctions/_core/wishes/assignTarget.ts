import { AppError, type AssignTarget } from '@shared';
import type { Runtime } from '../runtime/types';

/** Staff dispatch only to helpers and units of the wish's own community. */
export async function checkAssignTarget(rt: Runtime, communityId: string, target: AssignTarget): Promise<string> {
  if (target.kind === 'unit') {
    const unit = await rt.repos.org.unit(communityId, target.id);
    if (!unit) throw new AppError('VALIDATION_FAILED', '共建单位不存在', { fields: [{ path: 'assignTo.id', message: '本社区没有这个单位' }] });
    return unit.name;
  }
  const user = await rt.repos.users.helperOf(communityId, target.id);
  if (!user) throw new AppError('VALIDATION_FAILED', '只能派给本社区的党员、志愿者或单位', { fields: [{ path: 'assignTo.id', message: '不是本社区的志愿者' }] });
  return user.name;
}
