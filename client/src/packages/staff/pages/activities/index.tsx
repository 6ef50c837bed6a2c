import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { stepRefusal } from '@shared/activities';
import type { ActivityView, Wire } from '@shared/actions/outputs';
import { timesOf } from '../../../../features/activity/format';
import { ActivityCard } from '../../../../features/activity/ActivityCard';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { StaffGate } from '../../components/StaffGate';
import { StaffState } from '../../components/StaffState';
import { errorText } from '../../lib/errors';
import { useSession } from '../../lib/session';
import { ActivityForm } from './ActivityForm';
import { AttendancePanel } from './AttendancePanel';
import { CodeBoard } from './CodeBoard';
import '../../components/staff.scss';
import { FieldError } from '../../components/PanelParts';

type Activity = Wire<ActivityView>;

/** One activity run from the staff side: the code to show while people arrive and leave, who came, calling it off. */
function Manage({ activity, onBack, onChanged }: { activity: Activity; onBack: () => void; onChanged: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const now = new Date();
  const cancel = async () => {
    // editable: WeChat's modal takes the reason in place (base library 2.17.1+); the typings predate it.
    const options = { title: '取消活动', content: '', editable: true, placeholderText: '取消原因（报名者会看到）' } as Parameters<typeof Taro.showModal>[0];
    const { confirm, content } = (await Taro.showModal(options)) as { confirm: boolean; content?: string };
    if (!confirm) return;
    try {
      await call('activities', 'cancel', { activityId: activity.id, reason: content?.trim() || '活动取消' });
      onChanged();
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <View>
      <Button className='staff-btn staff-btn--ghost' onClick={onBack}>
        返回活动列表
      </Button>
      <ActivityCard activity={activity} />
      <FieldError error={error} />
      {stepRefusal('showCode', timesOf(activity), now) === null ? (
        <CodeBoard activityId={activity.id} />
      ) : (
        <Text className='muted'>{activity.state === 'open' ? '签到码在活动开始前 30 分钟出示' : stepRefusal('showCode', timesOf(activity), now)}</Text>
      )}
      <AttendancePanel activityId={activity.id} />
      {stepRefusal('cancel', timesOf(activity), now) === null && (
        <Button className='staff-btn' onClick={() => void cancel()}>
          取消活动
        </Button>
      )}
    </View>
  );
}

function Activities() {
  const session = useSession();
  const list = useRemote(() => call('activities', 'list', {}).then((r) => r.items));
  const [publishing, setPublishing] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const selected = (list.data ?? []).find((a) => a.id === open);
  if (selected) return <Manage activity={selected} onBack={() => setOpen(null)} onChanged={() => void list.reload()} />;
  return (
    <View>
      {publishing ? (
        <ActivityForm
          organizer={(session?.user as { communityName?: string } | undefined)?.communityName ?? ''}
          onClose={() => setPublishing(false)}
          onPublished={(a) => {
            setPublishing(false);
            list.setData((prev) => [a, ...(prev ?? [])]);
          }}
        />
      ) : (
        <Button className='staff-btn staff-btn--primary' onClick={() => setPublishing(true)}>
          发布活动
        </Button>
      )}
      <StaffState
        loading={list.loading}
        error={list.error}
        hasData={list.data !== undefined}
        empty={(list.data ?? []).length === 0}
        emptyText='还没有活动，点“发布活动”发布第一个'
        onRetry={() => void list.reload()}
      >
        {(list.data ?? []).map((a) => (
          <ActivityCard key={a.id} activity={a} onOpen={() => setOpen(a.id)} />
        ))}
      </StaffState>
    </View>
  );
}

export default function StaffActivitiesPage() {
  return (
    <StaffGate screen='activities'>
      <View className='staff-page'>
        <Activities />
      </View>
    </StaffGate>
  );
}
