import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Roles } from '@shared/vocab';
import type { Role } from '@shared/vocab';
import type { Member } from '@shared/actions';
import { orgApi } from '../../lib/api';
import { errorText, fieldErrorsOf } from '../../lib/errors';
import { useRemote } from '../../../../hooks/useRemote';
import { ChipGroup } from '../ChipGroup';
import { RoleChips } from './RoleChips';
import { FieldError, PanelActions } from '../PanelParts';

/** Town admins are made by the town, not by a community. */
const grantable = Roles.filter((r): r is Exclude<Role, 'town_admin'> => r !== 'town_admin');

interface Props {
  member: Member;
  onSaved: (member: Member, vacated: number) => void;
  onClose: () => void;
}

/** Grant or revoke a member's roles in this community; at least one role stays. A party member is placed in a branch. */
export function RoleEditor({ member, onSaved, onClose }: Props) {
  const [roles, setRoles] = useState<Role[]>(member.roles.filter((r) => r !== 'town_admin'));
  const [branchId, setBranchId] = useState<string | null>(member.partyBranchId ?? null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const branches = useRemote(() => orgApi.partyBranches().then((r) => r.items), []);

  const toggle = (r: Role) => setRoles((prev) => (prev.includes(r) ? prev.filter((x) => x !== r) : [...prev, r]));
  const save = async () => {
    if (roles.length === 0) {
      setError('至少保留一个角色');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const moved = branchId !== (member.partyBranchId ?? null);
      const r = await orgApi.setRoles({ userId: member.user.id, roles: roles as Exclude<Role, 'town_admin'>[], ...(moved ? { partyBranchId: branchId } : {}) });
      // The member as the server now has them; `vacated`: the work this change took back (a unit left with no admin).
      onSaved(r.member, r.vacated ?? 0);
    } catch (err) {
      setError(fieldErrorsOf(err).partyBranchId ?? errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='staff-panel'>
      <Text className='staff-panel__label'>{member.user.name} 的角色（可多选）</Text>
      <RoleChips label='角色' options={grantable} selected={roles} onToggle={toggle} />
      {roles.includes('party_member') && (branches.data?.length ?? 0) > 0 && (
        <>
          <Text className='staff-panel__label'>所在党组织</Text>
          <ChipGroup
            label='所在党组织'
            options={[{ value: '', label: '未编入' }, ...branches.data!.map((b) => ({ value: b.id, label: b.name }))]}
            value={branchId ?? ''}
            onChange={(v) => setBranchId(v || null)}
          />
        </>
      )}
      <FieldError error={error} />
      <PanelActions confirmText='保存角色' busy={busy} onConfirm={() => void save()} onClose={onClose} />
    </View>
  );
}
