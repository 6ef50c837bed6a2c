import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { RoleLabels } from '@shared/vocab';
import type { Role } from '@shared/vocab';
import { orgApi } from '../../lib/api';
import { useRemote } from '../../../../hooks/useRemote';
import type { Member } from '@shared/actions';
import { StaffState } from '../StaffState';
import { ChipGroup } from '../ChipGroup';
import { RoleEditor } from './RoleEditor';
import { DeactivatedNote, MemberStatusForm, vacatedText } from './MemberStatus';
import { useActiveRole, useSession } from '../../lib/session';

type Filter = 'all' | Role;
const filters: { value: Filter; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'party_member', label: '党员' },
  { value: 'volunteer', label: '志愿者' },
  { value: 'grid_worker', label: '网格员' },
  { value: 'unit_admin', label: '单位管理员' },
  { value: 'resident', label: '居民' },
];

/** The community's people, their roles and whether they are stopped (停用); search goes to the server (names, not phones). */
export function MembersPanel() {
  const [filter, setFilter] = useState<Filter>('all');
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<{ id: string; what: 'roles' | 'status' } | null>(null);
  // Only the secretary stops and restores members (the server says so too); others read who is stopped.
  const secretary = useActiveRole() === 'secretary';
  const me = useSession()?.user.id;
  const members = useRemote(
    () =>
      orgApi
        .members({ limit: 50, ...(filter !== 'all' ? { role: filter } : {}), ...(query ? { q: query } : {}) })
        .then((r) => r.items),
    [filter, query],
  );
  const replace = (m: Member) => members.setData((list) => list?.map((x) => (x.user.id === m.user.id ? m : x)));
  // What a role change took back (a unit left with no admin to answer for its work), said under the member it was about.
  const [taken, setTaken] = useState<{ id: string; text: string } | null>(null);
  const saved = (m: Member, vacated: number) => {
    setEditing(null);
    replace(m);
    setTaken(vacated > 0 ? { id: m.user.id, text: vacatedText(vacated) } : null);
  };
  const list = members.data ?? [];

  return (
    <View>
      <View className='staff-org__toolbar'>
        <View className='staff-add__row'>
          <Input
            className='staff-input staff-add__input'
            aria-label='搜索成员'
            placeholder='按姓名搜索'
            value={typed}
            confirmType='search'
            onInput={(e) => setTyped(e.detail.value)}
            onConfirm={() => setQuery(typed.trim())}
          />
          <Button className='staff-btn staff-btn--ghost' size='mini' onClick={() => setQuery(typed.trim())}>
            搜索
          </Button>
        </View>
        <ChipGroup label='按角色筛选' options={filters} value={filter} onChange={setFilter} />
      </View>
      <StaffState
        loading={members.loading}
        error={members.error}
        hasData={members.data !== undefined}
        empty={list.length === 0}
        emptyText={query ? `没有找到“${query}”` : '暂无成员'}
        onRetry={() => void members.reload()}
      >
        <View className='staff-card'>
          {list.map((m) => (
            <View key={m.user.id} className='staff-org__group'>
              <View className='staff-org__member'>
                <Text className='staff-org__name'>{m.user.name}</Text>
                {editing?.id !== m.user.id && (
                  <View className='staff-org__links'>
                    {!m.deactivated && (
                      <Text className='staff-link' onClick={() => { setTaken(null); setEditing({ id: m.user.id, what: 'roles' }); }}>
                        调整角色
                      </Text>
                    )}
                    {/* The server refuses a secretary stopping themselves: no link to a refusal. */}
                    {secretary && m.user.id !== me && (
                      <Text className='staff-link' aria-label={`${m.deactivated ? '恢复' : '停用'}${m.user.name}`} onClick={() => setEditing({ id: m.user.id, what: 'status' })}>
                        {m.deactivated ? '恢复' : '停用'}
                      </Text>
                    )}
                  </View>
                )}
              </View>
              <Text className='staff-org__sub'>
                {m.roles.map((r) => RoleLabels[r]).join('、')}
                {m.user.phone ? ` · ${m.user.phone}` : ''}
              </Text>
              <DeactivatedNote member={m} />
              {taken?.id === m.user.id && editing?.id !== m.user.id && (
                <View role='status'>
                  <Text className='staff-org__sub'>{taken.text}</Text>
                </View>
              )}
              {editing?.id === m.user.id && editing.what === 'roles' && <RoleEditor member={m} onSaved={saved} onClose={() => setEditing(null)} />}
              {editing?.id === m.user.id && editing.what === 'status' && <MemberStatusForm member={m} onDone={replace} onClose={() => setEditing(null)} />}
            </View>
          ))}
        </View>
      </StaffState>
    </View>
  );
}
