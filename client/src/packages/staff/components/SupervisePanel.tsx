import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import type { NamedRef, SupervisionAct, TownUnit, Wire } from '@shared/actions';
import { UnitLevelLabels } from '@shared/vocab';
import { WishActionLabels } from '@shared/vocab/wishActions';
import { Note } from '@shared/schemas';
import { call } from '../../../services/api';
import { messageOf } from '../../../services/errors';
import { formatTime } from '../../../components/time';
import { ChipGroup } from './ChipGroup';
import { FieldError } from './PanelParts';

interface Props {
  wish: { id: string; title: string; communityId: string };
  /** The town's 督办 so far on this wish, oldest first. */
  acts: readonly Wire<SupervisionAct>[];
  /** The town's communities (where a wish may be moved). */
  communities: readonly NamedRef[];
  /** After an act went through: what to tell the town admin, and whether the wish left this community. */
  onDone: (message: string) => void;
}

type Form = 'urge' | 'reassign' | 'unit' | null;

/** What the town has done so far: '已催办 2 次 · 最近 今天 10:05'. */
export function supervisionSummary(acts: readonly Wire<SupervisionAct>[]): string | null {
  if (acts.length === 0) return null;
  const last = acts[acts.length - 1];
  const urges = acts.filter((a) => a.action === 'urge').length;
  const parts = [urges ? `已催办 ${urges} 次` : null, `最近：${WishActionLabels[last.action]} ${formatTime(last.at)}`];
  return parts.filter(Boolean).join(' · ');
}

/**
 * 督办 on one escalated wish, for the town: 催办 with a message to the community, 改派 to another community of the town,
 * or 派给单位 — a town- or county-level co-building unit with people in it.
 */
export function SupervisePanel({ wish, acts, communities, onDone }: Props) {
  const [form, setForm] = useState<Form>(null);
  const [note, setNote] = useState('');
  const [to, setTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [units, setUnits] = useState<Wire<TownUnit>[] | null>(null);
  const others = communities.filter((c) => c.id !== wish.communityId);
  const summary = supervisionSummary(acts);

  const open = (f: Form) => {
    setForm(form === f ? null : f);
    setTo(null);
    setError(null);
    if (f === 'unit' && units === null) {
      call('dispatch', 'townUnits', {}).then(
        (r) => setUnits(r.items),
        (err) => setError(messageOf(err)),
      );
    }
  };
  const reachable = (units ?? []).filter((u) => u.hasPeople);

  const submit = async () => {
    if (busy) return;
    const parsed = Note.safeParse(note);
    if (form === 'urge' && !parsed.success) return setError(note.trim() ? (parsed.error.issues[0]?.message ?? '请填写催办内容') : '请填写催办内容，社区书记和网格员会收到');
    if (form === 'reassign' && !to) return setError('请选择改派到哪个社区');
    if (form === 'unit' && !to) return setError('请选择派给哪个单位');
    setBusy(true);
    setError(null);
    try {
      const message = parsed.success ? parsed.data : undefined;
      if (form === 'urge') {
        await call('dispatch', 'urge', { wishId: wish.id, note: message! });
        onDone(`已催办「${wish.title}」`);
      } else if (form === 'reassign' && to) {
        await call('dispatch', 'reassign', { wishId: wish.id, toCommunityId: to, ...(message ? { note: message } : {}) });
        onDone(`已将「${wish.title}」改派到${others.find((c) => c.id === to)?.name ?? '其他社区'}`);
      } else if (form === 'unit' && to) {
        await call('dispatch', 'townAssign', { wishId: wish.id, unitId: to, ...(message ? { note: message } : {}) });
        onDone(`已将「${wish.title}」派给${reachable.find((u) => u.id === to)?.name ?? '共建单位'}`);
      }
      setForm(null);
      setNote('');
      setTo(null);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='staff-supervise'>
      {summary && <Text className='staff-supervise__summary'>{summary}</Text>}
      <View className='staff-panel__actions'>
        <Button className='staff-btn staff-btn--primary' size='mini' onClick={() => open('urge')}>
          催办
        </Button>
        {others.length > 0 && (
          <Button className='staff-btn staff-btn--ghost' size='mini' onClick={() => open('reassign')}>
            改派
          </Button>
        )}
        <Button className='staff-btn staff-btn--ghost' size='mini' onClick={() => open('unit')}>
          派给单位
        </Button>
      </View>
      {form && (
        <View className='staff-panel'>
          {form === 'reassign' && <ChipGroup label='改派到' options={others.map((c) => ({ value: c.id, label: c.name }))} value={to} onChange={setTo} />}
          {form === 'unit' && units === null && <Text className='staff-panel__label'>正在加载本镇街的共建单位…</Text>}
          {form === 'unit' && units !== null && (
            <View>
              <ChipGroup label='派给单位' options={reachable.map((u) => ({ value: u.id, label: `${u.name}（${UnitLevelLabels[u.level ?? 'community']}）` }))} value={to} onChange={setTo} />
              {reachable.length === 0 && <Text className='staff-panel__label'>本镇街还没有可派单的镇级、县级共建单位。</Text>}
              {units.length > reachable.length && <Text className='staff-panel__label'>另有 {units.length - reachable.length} 个单位还没有人员，暂不能派单。</Text>}
            </View>
          )}
          <Text className='staff-panel__label'>{form === 'urge' ? '催办内容（会记入心愿进度）' : '说明（选填，会记入心愿进度）'}</Text>
          <Textarea
            className='staff-panel__textarea'
            aria-label={form === 'urge' ? '催办内容' : '说明'}
            value={note}
            maxlength={300}
            onInput={(e) => setNote(e.detail.value)}
          />
          <FieldError error={error} />
          <View className='staff-panel__actions'>
            <Button className='staff-btn staff-btn--ghost' size='mini' onClick={() => setForm(null)}>
              取消
            </Button>
            <Button className='staff-btn staff-btn--primary' size='mini' disabled={busy} aria-busy={busy} onClick={() => void submit()}>
              {form === 'urge' ? '发送催办' : form === 'reassign' ? '确认改派' : '确认派单'}
            </Button>
          </View>
        </View>
      )}
    </View>
  );
}
