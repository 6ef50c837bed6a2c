import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { RoleLabels } from '@shared/vocab';
import type { Role } from '@shared/vocab';
import { orgApi } from '../../lib/api';
import { errorText } from '../../lib/errors';
import { shortTime } from '../../lib/format';
import type { ActionReply } from '@shared/actions';
import { useRemote } from '../../../../hooks/useRemote';
import { ChipGroup } from '../ChipGroup';
import { InviteQr } from './InviteQr';

type InviteRole = Exclude<Role, 'town_admin' | 'secretary'>;
const roles = (['resident', 'volunteer', 'party_member', 'unit_admin', 'grid_worker'] as const).map((r) => ({ value: r, label: RoleLabels[r] }));
const lifetimes = [
  { value: '24', label: '1天' },
  { value: '72', label: '3天' },
  { value: '168', label: '7天' },
  { value: '720', label: '30天' },
] as const;
const uses = [
  { value: '1', label: '1人' },
  { value: '10', label: '10人' },
  { value: '50', label: '50人' },
  { value: '200', label: '200人' },
] as const;

/** A code made on this visit. */
type Invite = ActionReply<'org', 'invites'>;

/**
 * Invite codes to join the community in a role; the ones made on this visit are listed here,
 * and `onCreated` tells the page so its list of every code shows the new one without a reload.
 */
export function InvitesPanel({ onCreated }: { onCreated?: (invite: Invite) => void }) {
  const [role, setRole] = useState<InviteRole>('volunteer');
  const [hours, setHours] = useState<(typeof lifetimes)[number]['value']>('72');
  const [maxUses, setMaxUses] = useState<(typeof uses)[number]['value']>('10');
  const [unitId, setUnitId] = useState<string | null>(null);
  const [made, setMade] = useState<Invite[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const units = useRemote(() => (role === 'unit_admin' ? orgApi.units().then((r) => r.items) : Promise.resolve([])), [role]);

  const create = async () => {
    if (role === 'unit_admin' && !unitId) {
      setError('请选择该管理员所属的共建单位');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const reply = await orgApi.createInvite({ role, maxUses: Number(maxUses), expiresInHours: Number(hours), ...(role === 'unit_admin' && unitId ? { unitId } : {}) });
      setMade((prev) => [reply, ...prev]);
      onCreated?.(reply);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const copy = (invite: Invite) =>
    void Taro.setClipboardData({ data: `邀请您以「${RoleLabels[invite.role]}」身份加入社区，邀请码：${invite.code}` });

  return (
    <View>
      <View className='staff-card'>
        <Text className='staff-card__title'>新建邀请码</Text>
        <Text className='staff-panel__label'>加入身份</Text>
        <ChipGroup label='加入身份' options={roles} value={role} onChange={(r) => { setRole(r); setUnitId(null); }} />
        {role === 'unit_admin' && (
          <>
            <Text className='staff-panel__label'>所属共建单位</Text>
            {units.data && units.data.length === 0 && <Text className='staff-chart__empty'>请先在“共建单位”中添加单位</Text>}
            <ChipGroup label='所属共建单位' options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))} value={unitId} onChange={setUnitId} />
          </>
        )}
        <Text className='staff-panel__label'>有效期</Text>
        <ChipGroup label='有效期' options={lifetimes} value={hours} onChange={setHours} />
        <Text className='staff-panel__label'>可使用人数</Text>
        <ChipGroup label='可使用人数' options={uses} value={maxUses} onChange={setMaxUses} />
        {error && (
          <View className='staff-field-error' role='alert'>
            {error}
          </View>
        )}
        <Button className='staff-btn staff-btn--primary' aria-busy={busy} disabled={busy} onClick={() => void create()}>
          生成邀请码
        </Button>
      </View>
      {made.map((invite) => (
        <View key={invite.code} className='staff-card staff-invite' aria-label={`新邀请码 ${invite.code}`}>
          <InviteQr code={invite.code} role={invite.role} />
          <Text className='staff-org__sub'>
            {RoleLabels[invite.role]} · 可用 {invite.maxUses} 人 · {shortTime(invite.expiresAt)} 前有效
          </Text>
          <Button className='staff-btn staff-btn--ghost' size='mini' onClick={() => copy(invite)}>
            复制邀请语
          </Button>
        </View>
      ))}
    </View>
  );
}
