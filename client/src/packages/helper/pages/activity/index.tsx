import { useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { stepRefusal } from '@shared/activities';
import type { ActivityView, Wire } from '@shared/actions/outputs';
import { PageState, Screen, formatTime } from '../../../../components';
import { timesOf } from '../../../../features/activity/format';
import { ActivityCard } from '../../../../features/activity/ActivityCard';
import { CheckInPanel } from '../../../../features/activity/CheckInPanel';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { messageOf } from '../../../../services/errors';

type Activity = Wire<ActivityView>;

/**
 * One activity from the volunteer's side: 报名 / 取消报名 while places and time allow, then 签到 and 签退 with the
 * organiser's code; after check-out, the hours credited. The buttons follow the same rules the server keeps.
 */
export function ActivityDetail({ id }: { id: string }) {
  const remote = useRemote(() => call('activities', 'detail', { activityId: id }).then((r) => r.activity), [id]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useDidShow(() => {
    if (remote.data) void remote.reload();
  });
  const a = remote.data;
  const show = (next: Activity) => remote.setData(() => next);

  const act = async (what: 'signUp' | 'withdraw') => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      show((await call('activities', what, { activityId: id })).activity);
      setNotice(what === 'signUp' ? '报名成功，活动当天请到场扫码签到' : '已取消报名');
    } catch (err) {
      setError(messageOf(err));
      void remote.reload();
    } finally {
      setBusy(false);
    }
  };

  const status = a?.mine?.status ?? 'none';
  const now = new Date();
  const open = (step: Parameters<typeof stepRefusal>[0]) => (a ? stepRefusal(step, timesOf(a), now) === null : false);

  return (
    <Screen>
      <PageState loading={remote.loading && !a} error={remote.error} onRetry={remote.reload}>
        {a && (
          <View>
            <ActivityCard activity={a} />
            <View className="card">
              <Text className="card__title">活动内容</Text>
              <Text>{a.description}</Text>
            </View>
            {notice && (
              <View className="banner banner--info" role="status">
                {notice}
              </View>
            )}
            {error && (
              <View className="banner banner--error" role="alert">
                {error}
              </View>
            )}
            {(status === 'none' || status === 'withdrawn') && open('signUp') && (
              <Button className="btn btn--primary btn--big" aria-busy={busy} disabled={busy || a.placesLeft <= 0} onClick={() => void act('signUp')}>
                {a.placesLeft > 0 ? '报名' : '名额已满'}
              </Button>
            )}
            {status === 'signed_up' && open('checkIn') && (
              <CheckInPanel
                activityId={a.id}
                step="checkIn"
                send={async (code, requestId) => {
                  show((await call('activities', 'checkIn', { activityId: a.id, code }, { requestId })).activity);
                  setNotice('签到成功，活动结束离开时请扫码签退');
                }}
              />
            )}
            {status === 'checked_in' && (
              <View>
                <Text className="muted">已于 {formatTime(a.mine!.checkedInAt!)} 签到</Text>
                {open('checkOut') ? (
                  <CheckInPanel
                    activityId={a.id}
                    step="checkOut"
                    send={async (code, requestId) => {
                      const r = await call('activities', 'checkOut', { activityId: a.id, code }, { requestId });
                      show(r.activity);
                      setNotice(r.hours > 0 ? `签退成功：服务 ${r.hours} 小时${r.points ? `，获得 ${r.points} 积分` : ''}` : '签退成功：在场时间不足一刻钟，未计服务时长');
                    }}
                  />
                ) : (
                  <Text className="muted">签退已截止，请联系组织者补登签退时间。</Text>
                )}
              </View>
            )}
            {status === 'checked_out' && (
              <View className="card">
                <Text className="card__title">已签退 · 服务 {a.mine?.hours ?? 0} 小时</Text>
                <Text className="muted">服务时长已记入「我的服务」，可用于开具志愿服务证明。</Text>
              </View>
            )}
            {status === 'signed_up' && open('withdraw') && (
              <Button
                className="btn btn--big"
                disabled={busy}
                onClick={() =>
                  void Taro.showModal({ title: '取消报名', content: '确定取消报名吗？名额会让给其他志愿者。' }).then((r) => {
                    if (r.confirm) void act('withdraw');
                  })
                }
              >
                取消报名
              </Button>
            )}
          </View>
        )}
      </PageState>
    </Screen>
  );
}

export default function ActivityPage() {
  return <ActivityDetail id={useRouter().params.id ?? ''} />;
}
