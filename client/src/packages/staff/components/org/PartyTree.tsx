import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { BranchParentLevels, PartyBranchLevelLabels } from '@shared/vocab';
import { inTreeOrder } from '@shared/org';
import type { PartyBranchLevel } from '@shared/vocab';
import type { PartyBranch, Unit } from '@shared/schemas';
import { AppError } from '@shared/errors';
import { orgApi } from '../../lib/api';
import { errorText, fieldErrorsOf } from '../../lib/errors';
import { membership, useSession } from '../../lib/session';
import { ChipGroup } from '../ChipGroup';
import { AddByName } from './AddByName';

/** What a secretary makes in their community: the 党总支 comes from the town, so 小区党支部 down, and units' branches. */
const makeable = (['compound', 'building', 'unit'] as const).map((l) => ({ value: l, label: PartyBranchLevelLabels[l] }));

const parentsFor = (branches: readonly PartyBranch[], level: PartyBranchLevel, self?: string) =>
  branches.filter((b) => b.id !== self && BranchParentLevels[level].includes(b.level)).map((b) => ({ value: b.id, label: b.name }));

/** The server names the field a tree edit breaks (上级, 成员转到); that sentence says more than the code's. */
const refusalText = (err: unknown) => Object.values(fieldErrorsOf(err))[0] ?? errorText(err);
/** AddByName shows the `name` field's message: a refusal about the parent is told there too. */
const asNameError = (message: string) => new AppError('VALIDATION_FAILED', message, { fields: [{ path: 'name', message }] });

type Editing = { id: string; what: 'rename' | 'move' | 'close' } | null;

interface Props {
  branches: PartyBranch[];
  units: Unit[];
  onChanged: () => Promise<unknown>;
}

/**
 * 党组织: the tree 镇党委 → 社区党总支 → 小区党支部 → 楼栋党小组 and 单位党支部, and, for the branches of the secretary's
 * community, 改名 / 调整上级 / 撤销 (moving the members out first). The server checks each edit against the tree.
 */
export function PartyTree({ branches, units, onChanged }: Props) {
  const communityId = useSession() ? membership()?.communityId : undefined;
  const [editing, setEditing] = useState<Editing>(null);
  const [choice, setChoice] = useState<string | null>(null);
  const [level, setLevel] = useState<(typeof makeable)[number]['value']>('compound');
  const [parentId, setParentId] = useState<string | null>(null);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const mine = (b: PartyBranch) => b.communityId !== undefined && b.communityId === communityId;
  const open = (id: string, what: 'rename' | 'move' | 'close') => {
    setEditing({ id, what });
    setChoice(null);
    setError(null);
  };
  const act = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      setEditing(null);
      setNote(done);
      await onChanged();
    } catch (err) {
      setError(refusalText(err));
    } finally {
      setBusy(false);
    }
  };

  const rows = inTreeOrder(branches);
  return (
    <View className='staff-card'>
      <Text className='staff-card__title'>党组织</Text>
      {note && <View className='staff-banner staff-banner--info'>{note}</View>}
      {branches.length === 0 && <Text className='staff-chart__empty'>暂无党组织信息</Text>}
      {rows.map(({ node: b, depth }) => (
        <View key={b.id} className='staff-org__branch' style={{ paddingLeft: `${depth * 16}px` }}>
          <Text className='staff-org__level'>{PartyBranchLevelLabels[b.level]}</Text>
          <Text>{b.name}</Text>
          {mine(b) && (
            <View className='staff-panel__actions'>
              <Button className='staff-btn staff-btn--ghost' size='mini' aria-label={`改名：${b.name}`} onClick={() => open(b.id, 'rename')}>改名</Button>
              {b.level !== 'community' && (
                <Button className='staff-btn staff-btn--ghost' size='mini' aria-label={`调整上级：${b.name}`} onClick={() => open(b.id, 'move')}>调整上级</Button>
              )}
              <Button className='staff-btn staff-btn--ghost' size='mini' aria-label={`撤销：${b.name}`} onClick={() => open(b.id, 'close')}>撤销</Button>
            </View>
          )}
          {editing?.id === b.id && (
            <View className='staff-panel'>
              {editing.what === 'rename' && (
                <AddByName placeholder={`「${b.name}」的新名称`} onSave={(name) => act(() => orgApi.saveBranch({ id: b.id, name }), `已改名为「${name}」`)} />
              )}
              {editing.what === 'move' && (
                <>
                  <ChipGroup label='新的上级党组织' options={parentsFor(branches, b.level, b.id)} value={choice} onChange={setChoice} />
                  <Button className='staff-btn staff-btn--primary' size='mini' disabled={busy || !choice} aria-busy={busy}
                    onClick={() => void act(() => orgApi.saveBranch({ id: b.id, parentId: choice! }), `已把「${b.name}」调整到新的上级`)}>
                    确认调整
                  </Button>
                </>
              )}
              {editing.what === 'close' && (
                <>
                  <Text className='staff-panel__label'>成员转到（没有成员可不选）</Text>
                  <ChipGroup label='成员转到' options={branches.filter((x) => x.id !== b.id).map((x) => ({ value: x.id, label: x.name }))} value={choice} onChange={setChoice} />
                  <Button className='staff-btn staff-btn--danger' size='mini' disabled={busy} aria-busy={busy}
                    onClick={() => void act(() => orgApi.closeBranch({ id: b.id, ...(choice ? { moveMembersTo: choice } : {}) }), `已撤销「${b.name}」`)}>
                    确认撤销
                  </Button>
                </>
              )}
              {error && <View className='staff-field-error' role='alert'>{error}</View>}
              <Button className='staff-btn staff-btn--ghost' size='mini' onClick={() => setEditing(null)}>取消</Button>
            </View>
          )}
        </View>
      ))}
      <Text className='staff-panel__label'>新增党组织</Text>
      <ChipGroup label='党组织层级' options={makeable} value={level} onChange={(l) => { setLevel(l); setParentId(null); }} />
      <ChipGroup label='上级党组织' options={parentsFor(branches, level)} value={parentId} onChange={setParentId} />
      {level === 'unit' && (
        <ChipGroup label='所属共建单位' options={units.map((u) => ({ value: u.id, label: u.name }))} value={unitId} onChange={setUnitId} />
      )}
      <AddByName
        placeholder={`新增${PartyBranchLevelLabels[level]}名称`}
        onSave={async (name) => {
          if (!parentId) throw asNameError('请先选择上级党组织');
          if (level === 'unit' && !unitId) throw asNameError('请先选择所属共建单位');
          await orgApi.saveBranch({ name, level, parentId, ...(level === 'unit' && unitId ? { unitId } : {}) }).catch((err: unknown) => {
            throw asNameError(refusalText(err));
          });
          setNote(`已新增「${name}」`);
          await onChanged();
        }}
      />
    </View>
  );
}
