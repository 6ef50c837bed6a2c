import { useEffect, useState } from 'react';
import { Button, Picker, Switch, Text, View } from '@tarojs/components';
import { DutyRoster, WeekdayLabels, type DutySlot } from '@shared/schemas/duty';
import { parseInput } from '@shared/validation/parseInput';
import { switchLabel } from '../../components/switchLabel';
import { useRemote } from '../../hooks/useRemote';
import { call } from '../../services/api';
import { messageOf } from '../../services/errors';

const DAYS = [1, 2, 3, 4, 5, 6, 7];
const NEW_SLOT: DutySlot = { days: [6, 7], from: '09:00', to: '17:00' };

/**
 * 值班时间: when a volunteer or party member can be called on, and whether urgent wishes near
 * them are announced at once. No hours means reachable any time.
 */
export function DutyCard() {
  const loaded = useRemote(() => call('org', 'myDuty', {}).then((r) => r.duty), []);
  const [draft, setDraft] = useState<DutyRoster | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (loaded.data) setDraft(loaded.data);
  }, [loaded.data]);
  if (!draft) return null;

  const change = (next: DutyRoster) => {
    setDraft(next);
    setNotice(null);
    setError(null);
  };
  const changeSlot = (i: number, patch: Partial<DutySlot>) => change({ ...draft, slots: draft.slots.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const toggleDay = (i: number, day: number) => {
    const days = draft.slots[i].days;
    changeSlot(i, { days: days.includes(day) ? days.filter((d) => d !== day) : [...days, day].sort((a, b) => a - b) });
  };

  const save = async () => {
    let roster: DutyRoster;
    try {
      roster = parseInput(DutyRoster, draft);
    } catch (err) {
      setError(messageOf(err) + '：请检查每段值班的日期和时间（结束应晚于开始）');
      return;
    }
    setBusy(true);
    try {
      const { duty } = await call('org', 'setDuty', roster);
      setDraft(duty);
      setNotice('值班设置已保存');
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card duty">
      <Text className="card__title">值班时间</Text>
      <Text className="muted">{draft.slots.length === 0 ? '未设时段：任何时间都可能联系您' : '社区在这些时段内优先联系您'}</Text>
      {draft.slots.map((slot, i) => (
        <View key={i} className="duty__slot">
          <View className="chips" role="group" aria-label={`第${i + 1}段值班的日期`}>
            {DAYS.map((d) => (
              <View key={d} role="checkbox" aria-checked={slot.days.includes(d)} className={`chip${slot.days.includes(d) ? ' chip--active' : ''}`} onClick={() => toggleDay(i, d)}>
                {WeekdayLabels[d]}
              </View>
            ))}
          </View>
          <View className="row">
            <Picker mode="time" value={slot.from} onChange={(e) => changeSlot(i, { from: String(e.detail.value) })}>
              <Text className="duty__time" aria-label="开始时间">{slot.from}</Text>
            </Picker>
            <Text className="muted"> 至 </Text>
            <Picker mode="time" value={slot.to} onChange={(e) => changeSlot(i, { to: String(e.detail.value) })}>
              <Text className="duty__time" aria-label="结束时间">{slot.to}</Text>
            </Picker>
            <Text className="duty__link" onClick={() => change({ ...draft, slots: draft.slots.filter((_, j) => j !== i) })}>
              删除
            </Text>
          </View>
        </View>
      ))}
      {draft.slots.length < 14 && (
        <Text className="duty__link" onClick={() => change({ ...draft, slots: [...draft.slots, NEW_SLOT] })}>
          + 添加值班时段
        </Text>
      )}
      <View className="row row--between">
        <View>
          <Text className="card__title">紧急心愿立即通知我</Text>
          <Text className="muted">值班时，3 公里内的紧急心愿第一时间告诉您</Text>
        </View>
        <Switch {...switchLabel('紧急心愿立即通知我')} checked={draft.urgentAlerts} color="#c8161d" onChange={(e) => change({ ...draft, urgentAlerts: e.detail.value })} />
      </View>
      {error && <View className="banner banner--error" role="alert">{error}</View>}
      {notice && <View className="banner banner--ok" role="status">{notice}</View>}
      <Button className="btn" disabled={busy} onClick={save}>
        {busy ? '保存中…' : '保存值班设置'}
      </Button>
    </View>
  );
}
