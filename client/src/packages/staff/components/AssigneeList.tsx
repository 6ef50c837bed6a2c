import { useEffect, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { RoleLabels, UnitKindLabels } from '@shared/vocab';
import type { DispatchCandidate, DispatchCandidates } from '@shared/actions';
import { formatDistance } from '../../../components/time';
import { staffApi } from '../lib/api';
import { errorText } from '../lib/errors';

interface Props {
  /** The wish being dispatched: load and distance are to it, and who already holds it is not offered it again. */
  wishId: string;
  kind: 'user' | 'unit';
  selectedId: string | null;
  onSelect: (id: string, name: string) => void;
}

/** "党员 · 手上 2 件 · 800米": who they are, how busy, how far. */
function hintOf(c: DispatchCandidate, max: number): string {
  const who = c.kind === 'user' ? (c.roles ?? []).map((r) => RoleLabels[r]).join('、') : ((c.unitKind && UnitKindLabels[c.unitKind]) ?? '');
  const load = c.kind === 'user' ? `手上 ${c.load}/${max} 件` : `在办 ${c.load} 件`;
  const far = c.distanceM !== undefined ? formatDistance(c.distanceM) : c.kind === 'user' ? '未登记住址' : '';
  return [who, load, far].filter(Boolean).join(' · ');
}

/**
 * Whom a wish can be dispatched to (dispatch.candidates): the community's helpers or co-building units, free and
 * nearest first, each with their load and distance. Those a dispatch would refuse are shown greyed out with the
 * reason, and can't be picked.
 */
export function AssigneeList({ wishId, kind, selectedId, onSelect }: Props) {
  const [list, setList] = useState<DispatchCandidates | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setList(null);
    setError(null);
    staffApi.candidates(wishId).then(
      (next) => live && setList(next),
      (err) => live && setError(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [wishId, attempt]);

  const rows = list ? (kind === 'user' ? list.helpers : list.units) : null;
  const shown = rows?.filter((r) => !query || r.name.includes(query.trim())) ?? [];
  const noun = kind === 'user' ? '党员/志愿者' : '共建单位';

  return (
    <View className='staff-assignees'>
      <Input className='staff-assignees__search' placeholder={`搜索${noun}`} value={query} onInput={(e) => setQuery(e.detail.value)} />
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
      {shown.map((r) => {
        const off = r.refusal !== undefined;
        const on = r.id === selectedId;
        return (
          <View
            key={r.id}
            role='radio'
            aria-checked={on}
            aria-disabled={off}
            className={`staff-assignees__row${on ? ' staff-assignees__row--on' : ''}${off ? ' staff-assignees__row--off' : ''}`}
            onClick={() => !off && onSelect(r.id, r.name)}
          >
            <View className='staff-assignees__who'>
              <Text className='staff-assignees__name'>{r.name}</Text>
              <Text className='staff-assignees__hint'>{hintOf(r, list!.maxOpenTasks)}</Text>
            </View>
            {r.refusal && <Text className='staff-assignees__why'>{r.refusal.message}</Text>}
          </View>
        );
      })}
    </View>
  );
}
