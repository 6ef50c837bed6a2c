import { useEffect, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { HelperRoles, RoleLabels, UnitKindLabels } from '@shared/vocab';
import type { Role } from '@shared/vocab';
import { orgApi } from '../lib/api';
import { errorText } from '../lib/errors';
import type { Member } from '@shared/actions';
import type { Unit } from '@shared/schemas';

interface Props {
  kind: 'user' | 'unit';
  selectedId: string | null;
  onSelect: (id: string, name: string) => void;
}

interface Row {
  id: string;
  name: string;
  hint: string;
}

const helperRoles = HelperRoles as readonly Role[];

function memberRows(members: Member[]): Row[] {
  return members
    .filter((m) => m.roles.some((r) => helperRoles.includes(r)))
    .map((m) => ({
      id: m.user.id,
      name: m.user.name,
      hint: m.roles.filter((r) => helperRoles.includes(r)).map((r) => RoleLabels[r]).join('、'),
    }));
}

function unitRows(units: Unit[]): Row[] {
  return units.map((u) => ({ id: u.id, name: u.name, hint: UnitKindLabels[u.kind] ?? '' }));
}

/** members filters by one role at a time: ask for each helper role and merge (a party member may also volunteer). */
async function loadHelpers(): Promise<Row[]> {
  const lists = await Promise.all(helperRoles.map((role) => orgApi.members({ role, limit: 50 }).then((r) => r.items)));
  const seen = new Map<string, Member>();
  for (const m of lists.flat()) seen.set(m.user.id, m);
  return memberRows([...seen.values()]);
}

/** Whom a wish can be dispatched to: helpers (党员/志愿者) from org.members, or co-building units from org.units. */
export function AssigneeList({ kind, selectedId, onSelect }: Props) {
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setRows(null);
    setError(null);
    const load = kind === 'user' ? loadHelpers() : orgApi.units().then((r) => unitRows(r.items));
    load.then(
      (next) => live && setRows(next),
      (err) => live && setError(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [kind, attempt]);

  const shown = rows?.filter((r) => !query || r.name.includes(query.trim())) ?? [];
  const noun = kind === 'user' ? '党员/志愿者' : '共建单位';

  return (
    <View className='staff-assignees'>
      <Input
        className='staff-assignees__search'
        placeholder={`搜索${noun}`}
        value={query}
        onInput={(e) => setQuery(e.detail.value)}
      />
      {error && (
        <View className='staff-assignees__state'>
          <Text>{error}</Text>
          <Text className='staff-link' onClick={() => setAttempt((n) => n + 1)}>
            重试
          </Text>
        </View>
      )}
      {!error && rows === null && <Text className='staff-assignees__state'>正在加载{noun}…</Text>}
      {rows !== null && shown.length === 0 && <Text className='staff-assignees__state'>暂无可指派的{noun}</Text>}
      {shown.map((r) => (
        <View
          key={r.id}
          role='radio'
          aria-checked={r.id === selectedId}
          className={`staff-assignees__row${r.id === selectedId ? ' staff-assignees__row--on' : ''}`}
          onClick={() => onSelect(r.id, r.name)}
        >
          <Text>{r.name}</Text>
          <Text className='staff-assignees__hint'>{r.hint}</Text>
        </View>
      ))}
    </View>
  );
}
