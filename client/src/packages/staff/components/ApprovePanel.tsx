import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { PriorityLabels, Priorities } from '@shared/vocab';
import type { Priority } from '@shared/vocab';
import type { AssignTarget } from '@shared/schemas';
import { urgencySignText, type UrgencySign } from '@shared/lifecycle/urgency';
import { ChipGroup } from './ChipGroup';
import { AssigneeList } from './AssigneeList';

type Mode = 'publish' | 'user' | 'unit';

const modes = [
  { value: 'publish', label: '发布到心愿池' },
  { value: 'user', label: '指派党员/志愿者' },
  { value: 'unit', label: '指派共建单位' },
] as const;

const priorities = Priorities.map((p) => ({ value: p, label: PriorityLabels[p] }));

export interface ApproveChoice {
  assignTo?: AssignTarget;
  priority: Priority;
}

interface Props {
  /** The wish being approved or dispatched: the picker shows each candidate's load and distance to it. */
  wishId: string;
  initialPriority?: Priority;
  /** Why 紧急 was preselected: the reviewer confirms it or sets it back to 普通. */
  sign?: UrgencySign | null;
  busy?: boolean;
  /** Escalated wishes are already open: there the panel only (re)assigns. */
  assignOnly?: boolean;
  onSubmit: (choice: ApproveChoice) => void;
  onClose: () => void;
}

/** Approve a wish: publish it to the open pool, or dispatch it straight to a helper or unit. */
export function ApprovePanel({ wishId, initialPriority = 'normal', sign, busy, assignOnly, onSubmit, onClose }: Props) {
  const [mode, setMode] = useState<Mode>(assignOnly ? 'user' : 'publish');
  const [priority, setPriority] = useState<Priority>(initialPriority);
  const [target, setTarget] = useState<{ id: string; name: string } | null>(null);

  const pickMode = (next: Mode) => {
    setMode(next);
    setTarget(null);
  };
  const ready = mode === 'publish' || target !== null;
  const submit = () => {
    if (!ready || busy) return;
    onSubmit(mode === 'publish' || !target ? { priority } : { assignTo: { kind: mode, id: target.id }, priority });
  };
  const verb = mode === 'publish' ? '通过并发布' : target ? `派给 ${target.name}` : '请选择派单对象';

  return (
    <View className='staff-panel'>
      <Text className='staff-panel__label'>派单方式</Text>
      <ChipGroup label='派单方式' options={assignOnly ? modes.slice(1) : modes} value={mode} onChange={pickMode} />
      {mode !== 'publish' && (
        <AssigneeList wishId={wishId} kind={mode} selectedId={target?.id ?? null} onSelect={(id, name) => setTarget({ id, name })} />
      )}
      {!assignOnly && (
        <>
          <Text className='staff-panel__label'>优先级</Text>
          <ChipGroup label='优先级' options={priorities} value={priority} onChange={setPriority} />
          {sign && <Text className='staff-panel__hint'>{urgencySignText(sign)}，已预选紧急；如不紧急请改为普通</Text>}
          {priority === 'urgent' && <Text className='staff-panel__hint'>紧急心愿将立即通知值班的志愿者和党员，置顶在任务大厅</Text>}
        </>
      )}
      <View className='staff-panel__actions'>
        <Button className='staff-btn staff-btn--ghost' size='mini' onClick={onClose}>
          取消
        </Button>
        <Button className='staff-btn staff-btn--primary' size='mini' disabled={!ready || busy} aria-busy={busy} onClick={submit}>
          {verb}
        </Button>
      </View>
    </View>
  );
}
