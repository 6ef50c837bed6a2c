import { useState } from 'react';
import { View } from '@tarojs/components';
import { StaffGate } from '../../components/StaffGate';
import { ChipGroup } from '../../components/ChipGroup';
import { OrgTree } from '../../components/org/OrgTree';
import { UnitsPanel } from '../../components/org/UnitsPanel';
import { MembersPanel } from '../../components/org/MembersPanel';
import { InvitesPanel } from '../../components/org/InvitesPanel';
import { InviteList } from './InviteList';
import { JoinRequestsPanel } from './JoinRequestsPanel';
import { SettingsPanel } from './SettingsPanel';
import { Open311KeysPanel } from './Open311KeysPanel';
import '../../components/staff.scss';
import './index.scss';

type Tab = 'tree' | 'units' | 'members' | 'invites' | 'joins' | 'settings';
const tabs = [
  { value: 'tree', label: '组织架构' },
  { value: 'units', label: '共建单位' },
  { value: 'members', label: '成员角色' },
  { value: 'invites', label: '邀请码' },
  { value: 'joins', label: '入社申请' },
  { value: 'settings', label: '社区设置' },
] as const;

function OrgManagement() {
  const [tab, setTab] = useState<Tab>('tree');
  const [invitesMade, setInvitesMade] = useState(0);
  return (
    <View className='staff-page'>
      <View className='staff-org__tabs'>
        <ChipGroup label='组织管理' options={tabs} value={tab} onChange={setTab} />
      </View>
      {tab === 'tree' && <OrgTree />}
      {tab === 'units' && <UnitsPanel />}
      {tab === 'members' && <MembersPanel />}
      {tab === 'invites' && (
        <>
          <InvitesPanel onCreated={() => setInvitesMade((n) => n + 1)} />
          <InviteList version={invitesMade} />
        </>
      )}
      {tab === 'joins' && <JoinRequestsPanel />}
      {tab === 'settings' && (
        <>
          <SettingsPanel />
          <Open311KeysPanel />
        </>
      )}
    </View>
  );
}

export default function OrgPage() {
  return (
    <StaffGate screen='org'>
      <OrgManagement />
    </StaffGate>
  );
}
