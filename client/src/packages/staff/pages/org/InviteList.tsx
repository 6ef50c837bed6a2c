import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { RoleLabels } from '@shared/vocab';
import { InviteStateLabels } from '@shared/schemas/membership';
import type { InviteState } from '@shared/schemas/membership';
import type { InviteSummary } from '@shared/actions';
import { errorText } from '../../lib/errors';
import { useRemote } from '../../../../hooks/useRemote';
import { ChipGroup } from '../../components/ChipGroup';
import { StaffState } from '../../components/StaffState';
import { shortTime } from '../../lib/format';
import { InviteQr } from '../../components/org/InviteQr';
import { RevocableRow, revokeControls, type RevokeControls } from '../../components/RevocableRow';
import { membershipApi } from './api';

type Filter = 'all' | InviteState;
const filters: { value: Filter; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'active', label: InviteStateLabels.active },
  { value: 'used_up', label: InviteStateLabels.used_up },
  { value: 'expired', label: InviteStateLabels.expired },
  { value: 'revoked', label: InviteStateLabels.revoked },
];

/**
 * Every code of the community, whoever made it and whenever: a code read out at a
 * meeting last month can still be found and withdrawn. Revoking asks once more first,
 * since a code in someone's hand stops working at once. `version` changes when a new code
 * is made beside it.
 */
export function InviteList({ version = 0 }: { version?: number }) {
  const [filter, setFilter] = useState<Filter>('active');
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // `version` moves when a code is made on this page: read the list again so it is there.
  const list = useRemote(() => membershipApi.invites({ limit: 50, ...(filter !== 'all' ? { state: filter } : {}) }).then((r) => r.items), [filter, version]);
  const items = list.data ?? [];

  const revoke = async (code: string) => {
    setBusy(true);
    setError(null);
    try {
      const { invite } = await membershipApi.revokeInvite(code);
      setConfirming(null);
      list.setData((prev) =>
        prev?.flatMap((i) => (i.code !== code ? [i] : filter === 'all' || filter === invite.state ? [invite] : [])),
      );
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View>
      <View className='staff-org__toolbar'>
        <View className='staff-org__member'>
          <Text className='staff-section-title'>已有邀请码</Text>
          <Button className='staff-btn staff-btn--ghost' size='mini' onClick={() => void list.reload()}>
            刷新
          </Button>
        </View>
        <ChipGroup label='按状态筛选' options={filters} value={filter} onChange={(f) => { setFilter(f); setConfirming(null); }} />
      </View>
      {error && (
        <View className='staff-field-error' role='alert'>
          {error}
        </View>
      )}
      <StaffState
        loading={list.loading}
        error={list.error}
        hasData={list.data !== undefined}
        empty={items.length === 0}
        emptyText={filter === 'all' ? '还没有邀请码' : `没有${InviteStateLabels[filter]}的邀请码`}
        onRetry={() => void list.reload()}
      >
        <View className='staff-card'>
          {items.map((invite) => (
            <InviteRow key={invite.code} invite={invite} {...revokeControls(invite.code, { confirming, setConfirming, busy, revoke })} />
          ))}
        </View>
      </StaffState>
    </View>
  );
}

function InviteRow({ invite, ...controls }: { invite: InviteSummary } & RevokeControls) {
  const [qr, setQr] = useState(false);
  const live = invite.state === 'active';
  const when = invite.state === 'revoked' && invite.revokedAt ? `${shortTime(invite.revokedAt)} 撤销` : `${shortTime(invite.expiresAt)} 前有效`;
  return (
    <RevocableRow
      label={`邀请码 ${invite.code}`}
      name={invite.code}
      selectable
      state={invite.state}
      stateText={InviteStateLabels[invite.state]}
      detail={`${RoleLabels[invite.role]} · 已用 ${invite.uses}/${invite.maxUses} 人 · ${when}${invite.createdByName ? ` · ${invite.createdByName}创建` : ''}`}
      live={live}
      verb='撤销'
      warning='撤销后该邀请码立即失效，已加入的成员不受影响。'
      {...controls}
      actions={
        <Button className='staff-btn staff-btn--ghost' size='mini' aria-expanded={qr} onClick={() => setQr(!qr)}>
          {qr ? '收起二维码' : '二维码'}
        </Button>
      }
    >
      {qr && live && <InviteQr code={invite.code} role={invite.role} />}
    </RevocableRow>
  );
}
