import { AppError } from '../errors';
import type { Membership, MembershipStatusChange } from '../schemas/user';

/**
 * Deactivation (停用) is per community membership: a person who lives in one community and serves in another may be
 * stopped in one and go on in the other (they switch with org.actIn). Someone whose every community membership is
 * deactivated can do nothing but read who they are (org.me) until a secretary restores one.
 */
type Stated = Pick<Membership, 'deactivated' | 'statusLog'>;

/** Whether the person may act in this membership's community (town memberships are never deactivated). */
export function membershipActive(m: Pick<Membership, 'deactivated'> | undefined): boolean {
  return m !== undefined && m.deactivated === undefined;
}

const LOG_KEPT = 20;

/**
 * The membership after the secretary deactivates or restores it: the current deactivation (for the checks) and the
 * log of every change (so the reason stays after a restoration). Refuses a change that changes nothing.
 */
export function withStatus<M extends Stated>(m: M, change: MembershipStatusChange): M {
  if (!change.active && m.deactivated) throw new AppError('CONFLICT', '该成员已停用');
  if (change.active && !m.deactivated) throw new AppError('CONFLICT', '该成员未停用，无需恢复');
  if (!change.active && !change.reason) throw new AppError('VALIDATION_FAILED', '请填写停用原因', { fields: [{ path: 'reason', message: '请填写停用原因' }] });
  const statusLog = [...(m.statusLog ?? []), change].slice(-LOG_KEPT);
  const { deactivated: _was, ...rest } = m;
  return (change.active ? { ...rest, statusLog } : { ...rest, statusLog, deactivated: { at: change.at, by: change.by, reason: change.reason! } }) as M;
}

/** The refusal of every action of a person whose membership of the community they act in is deactivated. */
export function deactivatedRefusal(m: Pick<Membership, 'deactivated' | 'communityId'>, communityName?: string, canSwitch = false): AppError {
  const where = communityName ?? '该社区';
  const reason = m.deactivated?.reason;
  const next = canSwitch ? '，可在「我的」切换到您的其他社区' : '，如有疑问请联系社区书记';
  return new AppError('MEMBER_DEACTIVATED', `您在${where}的成员身份已被停用${reason ? `（原因：${reason}）` : ''}${next}`, {
    communityId: m.communityId,
    ...(reason ? { reason } : {}),
  });
}

/**
 * What a person whose membership is deactivated may still call: who they are (the client shows them why), and a
 * switch to another community they belong to where they are active. Every other action is refused, reads included.
 */
export const OpenToDeactivated: readonly string[] = ['org.me', 'org.actIn'];
