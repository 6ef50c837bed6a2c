import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { Reason } from '@shared/schemas';
import type { AssignTarget } from '@shared/schemas';
import { ChipGroup } from './ChipGroup';
import { AssigneeList } from './AssigneeList';

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
    const parsed = Reason.safeParse(reason);
    if (!parsed.success) {
      setError(reason.trim() ? (parsed.error.issues[0]?.message ?? '请填写原因') : `请填写收回的原因，${from}会看到它`);
      return;
    }
    setError(null);
    onSubmit(then === 'pool' || !target ? { reason: parsed.data } : { reason: parsed.data, assignTo: { kind: then, id: target.id } });
  };

  return (
    <View className='staff-panel'>
      <Text className='staff-panel__label'>收回原因</Text>
      <Textarea
        className='staff-panel__textarea'
        aria-label='收回原因'
        value={reason}
        maxlength={200}
        placeholder='如：认领一天多了还没有上门、联系不上（必填）'
        onInput={(e) => {
          setReason(e.detail.value);
          if (error) setError(null);
        }}
      />
      {error && (
        <View className='staff-field-error' role='alert'>
          {error}
        </View>
      )}
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
      <View className='staff-panel__actions'>
        <Button className='staff-btn staff-btn--ghost' size='mini' onClick={onClose}>
          取消
        </Button>
        <Button className='staff-btn staff-btn--danger' size='mini' disabled={busy || !ready} aria-busy={busy} onClick={submit}>
          {then === 'pool' ? '确认收回' : target ? `收回并派给 ${target.name}` : '请选择改派对象'}
        </Button>
      </View>
    </View>
  );
}
