import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { AssignTarget } from '@shared/schemas';
import { ChipGroup } from './ChipGroup';
import { AssigneeList } from './AssigneeList';
import { PanelActions, ReasonField, checkReason } from './PanelParts';

type Then = 'pool' | 'user' | 'unit';

const thens = [
  { value: 'pool', label: '退回心愿池' },
  { value: 'user', label: '改派党员/志愿者' },
  { value: 'unit', label: '改派共建单位' },
] as const;

export interface RecallChoice {
  reason: string;
  assignTo?: AssignTarget;
}

interface Props {
  wishId: string;
  /** Who it is taken from, as the row names them ('张晓东'). */
  from: string;
  busy?: boolean;
  onSubmit: (choice: RecallChoice) => void;
  onClose: () => void;
}

/** 收回: why (the person it is taken from reads it), and where it goes now: back to the pool or straight to someone else. */
export function RecallPanel({ wishId, from, busy, onSubmit, onClose }: Props) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [then, setThen] = useState<Then>('pool');
  const [target, setTarget] = useState<{ id: string; name: string } | null>(null);

  const ready = then === 'pool' || target !== null;
  const submit = () => {
    if (busy || !ready) return;
    const checked = checkReason(reason, `请填写收回的原因，${from}会看到它`);
    if ('error' in checked) return setError(checked.error);
    setError(null);
    onSubmit(then === 'pool' || !target ? { reason: checked.reason } : { reason: checked.reason, assignTo: { kind: then, id: target.id } });
  };

  return (
    <View className='staff-panel'>
      <ReasonField
        label='收回原因'
        value={reason}
        placeholder='如：认领一天多了还没有上门、联系不上（必填）'
        error={error}
        onChange={(next) => {
          setReason(next);
          setError(null);
        }}
      />
      <Text className='staff-panel__label'>收回后</Text>
      <ChipGroup
        label='收回后'
        options={thens}
        value={then}
        onChange={(next) => {
          setThen(next);
          setTarget(null);
        }}
      />
      {then !== 'pool' && <AssigneeList wishId={wishId} kind={then} selectedId={target?.id ?? null} onSelect={(id, name) => setTarget({ id, name })} />}
      <PanelActions
        confirmText={then === 'pool' ? '确认收回' : target ? `收回并派给 ${target.name}` : '请选择改派对象'}
        tone='danger'
        busy={busy}
        disabled={!ready}
        onConfirm={submit}
        onClose={onClose}
      />
    </View>
  );
}
