import { useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { RoleLabels } from '@shared/vocab';
import { JoinRequestStatusLabels } from '@shared/schemas/membership';
import type { JoinRequestStatus, JoinRole } from '@shared/schemas/membership';
import type { JoinRequestView } from '@shared/actions';
import { SubmitKey } from '../../../../services/requestId';
import { errorText, fieldErrorsOf, isRace } from '../../lib/errors';
import { useRemote } from '../../../../hooks/useRemote';
import { ChipGroup } from '../../components/ChipGroup';
import { StaffState } from '../../components/StaffState';
import { RoleChips } from '../../components/org/RoleChips';
import { FieldError, PanelActions, ReasonField, checkReason } from '../../components/PanelParts';
import { shortTime } from '../../lib/format';
import { membershipApi } from './api';

const statuses: { value: JoinRequestStatus; label: string }[] = [
  { value: 'pending', label: JoinRequestStatusLabels.pending },
  { value: 'approved', label: JoinRequestStatusLabels.approved },
  { value: 'rejected', label: JoinRequestStatusLabels.rejected },
];
const joinRoles: JoinRole[] = ['resident', 'volunteer', 'party_member'];
const rolesText = (roles: readonly JoinRole[]) => roles.map((r) => RoleLabels[r]).join('、');

/** People asking to join (or for more roles): approve with the roles to grant, or reject saying why. */
export function JoinRequestsPanel() {
  const [status, setStatus] = useState<JoinRequestStatus>('pending');
  const [open, setOpen] = useState<{ id: string; approve: boolean } | null>(null);
  const list = useRemote(() => membershipApi.joinRequests({ status, limit: 50 }).then((r) => r.items), [status]);
  const items = list.data ?? [];
  const decided = (id: string) => {
    setOpen(null);
    list.setData((prev) => prev?.filter((r) => r.id !== id));
  };

  return (
    <View>
      <View className='staff-org__toolbar'>
        <ChipGroup label='按状态筛选' options={statuses} value={status} onChange={(s) => { setStatus(s); setOpen(null); }} />
      </View>
      <StaffState
        loading={list.loading}
        error={list.error}
        hasData={list.data !== undefined}
        empty={items.length === 0}
        emptyText={status === 'pending' ? '暂无待审核的入社申请' : `暂无${JoinRequestStatusLabels[status]}的申请`}
        onRetry={() => void list.reload()}
      >
        <View className='staff-card'>
          {items.map((r) => (
            <View key={r.id} className='staff-org__group' aria-label={`${r.name}的申请`}>
              <View className='staff-org__member'>
                <Text className='staff-org__name'>{r.name}</Text>
                <Text className='staff-org__sub'>{shortTime(r.createdAt)}</Text>
              </View>
              <Text className='staff-org__sub'>
                申请身份：{rolesText(r.roles)}
                {r.phone ? ` · ${r.phone}` : ''}
              </Text>
              {r.note && <Text className='staff-org__sub'>留言：{r.note}</Text>}
              {r.status === 'approved' && r.grantedRoles && <Text className='staff-org__sub'>已授予：{rolesText(r.grantedRoles)}</Text>}
              {r.status === 'rejected' && r.reason && <Text className='staff-org__sub'>拒绝原因：{r.reason}</Text>}
              {r.status === 'pending' && !open && (
                <View className='staff-panel__actions'>
                  <Button className='staff-btn staff-btn--ghost' size='mini' onClick={() => setOpen({ id: r.id, approve: false })}>
                    拒绝
                  </Button>
                  <Button className='staff-btn staff-btn--primary' size='mini' onClick={() => setOpen({ id: r.id, approve: true })}>
                    通过
                  </Button>
                </View>
              )}
              {open?.id === r.id && (
                <DecisionForm
                  request={r}
                  approve={open.approve}
                  onClose={() => setOpen(null)}
                  onDecided={() => decided(r.id)}
                  onStale={() => { setOpen(null); void list.reload(); }}
                />
              )}
            </View>
          ))}
        </View>
      </StaffState>
    </View>
  );
}

interface FormProps {
  request: JoinRequestView;
  approve: boolean;
  onClose: () => void;
  onDecided: () => void;
  /** Someone else decided it first: the list is re-read. */
  onStale: () => void;
}

function DecisionForm({ request, approve, onClose, onDecided, onStale }: FormProps) {
  const [roles, setRoles] = useState<JoinRole[]>(request.roles);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(new SubmitKey());
  const toggle = (r: JoinRole) => setRoles((prev) => (prev.includes(r) ? prev.filter((x) => x !== r) : joinRoles.filter((x) => x === r || prev.includes(x))));

  const submit = async () => {
    if (approve && roles.length === 0) return setError('请至少选择一个身份');
    const checked = approve ? undefined : checkReason(reason, '拒绝时请填写原因，申请人会看到');
    if (checked && 'error' in checked) return setError(checked.error);
    const payload = checked ? { requestId: request.id, approve, reason: checked.reason } : { requestId: request.id, approve, roles };
    setBusy(true);
    setError(null);
    try {
      await membershipApi.decideJoin(payload, key.current.for(payload));
      key.current.done();
      onDecided();
    } catch (err) {
      if (isRace(err)) {
        onStale();
        return;
      }
      const fields = fieldErrorsOf(err);
      setError(fields.reason ?? fields.roles ?? errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='staff-panel'>
      {approve ? (
        <>
          <Text className='staff-panel__label'>授予身份（可多选）</Text>
          <RoleChips label='授予身份' options={joinRoles} selected={roles} onToggle={toggle} />
        </>
      ) : (
        <ReasonField
          label='拒绝原因（申请人会看到）'
          value={reason}
          placeholder='例如：请先到社区居委会登记住址'
          error={error}
          onChange={(next) => {
            setReason(next);
            setError(null);
          }}
        />
      )}
      {approve && <FieldError error={error} />}
      <PanelActions confirmText={approve ? '确认通过' : '确认拒绝'} tone={approve ? 'primary' : 'danger'} busy={busy} onConfirm={() => void submit()} onClose={onClose} />
    </View>
  );
}
