import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { stepRefusal } from '@shared/activities';
import { AttendanceStatusLabels } from '@shared/vocab/activities';
import type { ActivityView, AttendeeView, Wire } from '@shared/actions/outputs';
import { formatTime } from '../../../../components';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { errorText } from '../../lib/errors';
import { timesOf } from '../../../../features/activity/format';
import { chinaClockOf, chinaDayOf, chinaInstant } from './dates';
import { FieldError } from '../../components/PanelParts';

type Attendee = Wire<AttendeeView>;

/** One attendee's forgotten check-out (and check-in, when they forgot both), entered by hand in the activity's day. */
function CorrectForm({ activity, attendee, onDone }: { activity: Wire<ActivityView>; attendee: Attendee; onDone: (a: Attendee, points: number) => void }) {
  const day = chinaDayOf(activity.startAt);
  const [from, setFrom] = useState(attendee.checkedInAt ? chinaClockOf(attendee.checkedInAt) : chinaClockOf(activity.startAt));
  const [to, setTo] = useState(chinaClockOf(activity.endAt));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const checkedInAt = chinaInstant(day, from);
    const checkedOutAt = chinaInstant(day, to);
    if (!checkedInAt || !checkedOutAt) return setError('请按 08:30 的格式填写时间');
    setBusy(true);
    setError(null);
    try {
      const r = await call('activities', 'correct', { activityId: activity.id, userId: attendee.userId, ...(attendee.checkedInAt ? {} : { checkedInAt }), checkedOutAt });
      onDone(r.attendee, r.points);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View>
      {!attendee.checkedInAt && <Input className='staff-input' aria-label='签到时间' value={from} onInput={(e) => setFrom(e.detail.value)} />}
      <Input className='staff-input' aria-label='签退时间' value={to} onInput={(e) => setTo(e.detail.value)} />
      <FieldError error={error} />
      <Button className='staff-btn staff-btn--primary' aria-busy={busy} disabled={busy} onClick={() => void save()}>
        确认补登
      </Button>
    </View>
  );
}

/** Who signed up, who came and when, the hours credited; a forgotten check-out is put right from here. */
export function AttendancePanel({ activityId }: { activityId: string }) {
  const list = useRemote(() => call('activities', 'attendance', { activityId }), [activityId]);
  const [fixing, setFixing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (list.error && !list.data) {
    return (
      <View className='staff-field-error' role='alert'>
        {errorText(list.error)}
      </View>
    );
  }
  if (!list.data) return <Text className='muted'>正在加载签到情况…</Text>;
  const { activity, attendees } = list.data;
  const mayCorrect = stepRefusal('correct', timesOf(activity), new Date()) === null;
  const present = attendees.filter((x) => x.status !== 'withdrawn');
  const count = (s: Attendee['status']) => attendees.filter((x) => x.status === s).length;

  return (
    <View className='staff-panel'>
      <Text className='staff-section-title'>签到情况</Text>
      <Text className='card__meta'>
        报名 {present.length} 人 · 已签到 {count('checked_in')} 人 · 已签退 {count('checked_out')} 人
      </Text>
      {notice && (
        <View className='staff-banner staff-banner--info' role='status'>
          {notice}
        </View>
      )}
      {present.length === 0 && <Text className='muted'>还没有人报名</Text>}
      {present.map((x) => (
        <View key={x.userId} className='card'>
          <View className='row row--between'>
            <Text className='card__title'>{x.name || '志愿者'}</Text>
            <Text>{AttendanceStatusLabels[x.status]}</Text>
          </View>
          <Text className='card__meta'>
            {x.checkedInAt ? `签到 ${formatTime(x.checkedInAt)}` : '未签到'}
            {x.checkedOutAt ? ` · 签退 ${formatTime(x.checkedOutAt)}` : ''}
            {x.hours !== undefined ? ` · ${x.hours} 小时` : ''}
            {x.corrected ? ' · 补登' : ''}
          </Text>
          {mayCorrect && (x.status === 'signed_up' || x.status === 'checked_in') &&
            (fixing === x.userId ? (
              <CorrectForm
                activity={activity}
                attendee={x}
                onDone={(after, points) => {
                  setFixing(null);
                  setNotice(`已为${after.name || '志愿者'}补登签退：${after.hours ?? 0} 小时${points ? `，${points} 积分` : ''}`);
                  void list.reload();
                }}
              />
            ) : (
              <Button className='staff-btn' onClick={() => setFixing(x.userId)}>
                补登签退
              </Button>
            ))}
        </View>
      ))}
    </View>
  );
}
