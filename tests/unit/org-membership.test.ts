/**
 * Joining a community: what a newcomer and a secretary are told when the input
 * is wrong, and how an invite code's state reads.
 */
import { AppError, inviteRefusal, inviteStateOf, type FieldError, type Role } from '@shared';
import { parseAction } from './support/parse';

function fieldsOf(action: string, data: unknown): FieldError[] {
  try {
    parseAction('org', { action, data });
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('VALIDATION_FAILED');
    return ((err as AppError).details as { fields: FieldError[] }).fields;
  }
  throw new Error('expected VALIDATION_FAILED');
}
const messageAt = (fields: FieldError[], path: string) => fields.find((f) => f.path === path)?.message;

describe('org.requestJoin: asking to join', () => {
  const ask = { communityId: 'com-taoyuan', name: '王小明' };

  test('a name and a community are enough; the role asked for is resident unless chosen', () => {
    expect(parseAction('org', { action: 'requestJoin', data: ask }).data).toEqual({ ...ask, roles: ['resident'] });
    const withCode = parseAction('org', { action: 'requestJoin', data: { inviteCode: ' ab12cd34 ', name: ' 王小明 ', roles: ['volunteer'] } });
    expect(withCode.data).toEqual({ inviteCode: 'ab12cd34', name: '王小明', roles: ['volunteer'] });
  });

  test('the community is named once: by id or by invite code, not both and not neither', () => {
    expect(messageAt(fieldsOf('requestJoin', { name: '王小明' }), 'communityId')).toBe('请选择社区或填写邀请码（二选一）');
    expect(messageAt(fieldsOf('requestJoin', { ...ask, inviteCode: 'AB12CD34' }), 'communityId')).toBe('请选择社区或填写邀请码（二选一）');
  });

  test('staff roles cannot be asked for, nor the same role twice, nor none', () => {
    expect(messageAt(fieldsOf('requestJoin', { ...ask, roles: ['secretary'] }), 'roles.0')).toBe('只能申请居民、志愿者或党员身份');
    expect(messageAt(fieldsOf('requestJoin', { ...ask, roles: ['grid_worker'] }), 'roles.0')).toBe('只能申请居民、志愿者或党员身份');
    expect(messageAt(fieldsOf('requestJoin', { ...ask, roles: ['volunteer', 'volunteer'] }), 'roles')).toBe('身份不能重复');
    expect(messageAt(fieldsOf('requestJoin', { ...ask, roles: [] }), 'roles')).toBe('请至少选择一个身份');
  });

  test('name, phone and note are checked like everywhere else', () => {
    expect(messageAt(fieldsOf('requestJoin', { ...ask, name: '   ' }), 'name')).toBe('不能为空');
    expect(messageAt(fieldsOf('requestJoin', { ...ask, name: '王'.repeat(21) }), 'name')).toBe('不能超过20个字');
    expect(fieldsOf('requestJoin', { ...ask, phone: '12345' }).map((f) => f.path)).toEqual(['phone']);
    expect(messageAt(fieldsOf('requestJoin', { ...ask, note: '话'.repeat(301) }), 'note')).toBe('不能超过300个字');
    expect(messageAt(fieldsOf('requestJoin', { ...ask, inviteCode: undefined, communityId: { $ne: null } }), 'communityId')).toBeDefined();
  });
});

describe('org.decideJoin: the secretary decides', () => {
  test('approving needs only the request; the roles granted may be narrowed', () => {
    expect(parseAction('org', { action: 'decideJoin', data: { requestId: 'jr1', approve: true } }).data).toEqual({ requestId: 'jr1', approve: true });
    expect(parseAction('org', { action: 'decideJoin', data: { requestId: 'jr1', approve: true, roles: ['resident'] } }).data).toMatchObject({ roles: ['resident'] });
  });

  test('rejecting needs a reason the person will read', () => {
    expect(messageAt(fieldsOf('decideJoin', { requestId: 'jr1', approve: false }), 'reason')).toBe('拒绝时请填写原因');
    expect(messageAt(fieldsOf('decideJoin', { requestId: 'jr1', approve: false, reason: '理'.repeat(201) }), 'reason')).toBe('不能超过200个字');
  });

  test('a yes or no is required, and a secretary role cannot be granted this way', () => {
    expect(messageAt(fieldsOf('decideJoin', { requestId: 'jr1' }), 'approve')).toBe('请选择通过或拒绝');
    expect(messageAt(fieldsOf('decideJoin', { requestId: 'jr1', approve: true, roles: ['secretary'] }), 'roles.0')).toBe('只能申请居民、志愿者或党员身份');
  });
});

describe('invite lists and revocation', () => {
  test('only the four states can be asked for', () => {
    expect(parseAction('org', { action: 'listInvites', data: { state: 'used_up' } }).data).toEqual({ state: 'used_up' });
    expect(fieldsOf('listInvites', { state: 'deleted' }).map((f) => f.path)).toEqual(['state']);
    expect(fieldsOf('listInvites', { limit: 500 }).map((f) => f.path)).toEqual(['limit']);
  });

  test('a code to revoke must look like a code', () => {
    expect(messageAt(fieldsOf('revokeInvite', { code: 'AB-12' }), 'code')).toBe('邀请码格式不正确');
    expect(fieldsOf('revokeInvite', {}).map((f) => f.path)).toEqual(['code']);
  });

  test('state: revoked beats everything, a code past its uses is used up, then expiry', () => {
    const now = new Date('2026-11-22T04:00:00Z');
    const later = new Date('2026-11-23T04:00:00Z');
    const earlier = new Date('2026-11-21T04:00:00Z');
    expect(inviteStateOf({ expiresAt: later, uses: 0, maxUses: 1 }, now)).toBe('active');
    expect(inviteStateOf({ expiresAt: later, uses: 1, maxUses: 1 }, now)).toBe('used_up');
    expect(inviteStateOf({ expiresAt: earlier, uses: 0, maxUses: 5 }, now)).toBe('expired');
    expect(inviteStateOf({ expiresAt: now, uses: 0, maxUses: 5 }, now)).toBe('expired');
    expect(inviteStateOf({ expiresAt: later.toISOString(), uses: 5, maxUses: 5, revokedAt: earlier }, now)).toBe('revoked');
  });
});

describe('redeeming an invite: reading codes is never a way to a role', () => {
  const code = { createdBy: 'u-maker' };
  const may = (roles: Role[], userId = 'u-someone') => inviteRefusal({ userId, roles }, code) === null;
  test('a newcomer, a resident, a volunteer or a grid worker may redeem a code someone else made', () => {
    for (const roles of [[], ['resident'], ['resident', 'volunteer'], ['grid_worker'], ['unit_admin']] as Role[][]) expect(may(roles)).toBe(true);
  });
  test('a secretary or a town admin, who read codes they did not make, redeem none; nobody redeems their own', () => {
    expect(may(['secretary'])).toBe(false);
    expect(may(['town_admin'])).toBe(false);
    expect(may(['unit_admin'], 'u-maker')).toBe(false);
    // Refused before the code is even looked up.
    expect(inviteRefusal({ userId: 'u-town', roles: ['town_admin'] })).not.toBeNull();
    expect(inviteRefusal({ userId: 'u-maker', roles: ['unit_admin'] })).toBeNull();
  });
});
