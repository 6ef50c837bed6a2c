import { Text, View } from '@tarojs/components';
import { ActivityCategoryLabels, ActivityStateLabels, AttendanceStatusLabels } from '@shared/vocab/activities';
import type { ActivityView } from '@shared/actions/outputs';
import type { Wire } from '@shared/actions/outputs';
import { formatSpan } from './format';

const STATE_TAG = { open: 'open', ongoing: 'in_progress', ended: 'confirmed', cancelled: 'cancelled' } as const;

/** One activity in a list: what, when, where, places left, and where the viewer stands. */
export function ActivityCard({ activity: a, onOpen }: { activity: Wire<ActivityView>; onOpen?: () => void }) {
  return (
    <View className="card" role={onOpen ? 'button' : undefined} onClick={onOpen}>
      <View className="row row--between">
        <Text className="card__title">{a.title}</Text>
        <Text className={`tag tag--${STATE_TAG[a.state]}`}>{ActivityStateLabels[a.state]}</Text>
      </View>
      <Text className="card__meta">
        {ActivityCategoryLabels[a.category]} · {formatSpan(a.startAt, a.endAt)}
      </Text>
      <Text className="card__meta">
        {a.place} · {a.organizer}
      </Text>
      <Text className="card__meta">
        {a.state === 'cancelled' ? `已取消：${a.cancelReason ?? ''}` : `名额 ${a.places} · 剩余 ${a.placesLeft}`}
        {a.mine && a.mine.status !== 'withdrawn' ? ` · ${AttendanceStatusLabels[a.mine.status]}` : ''}
        {a.mine?.hours ? ` · ${a.mine.hours} 小时` : ''}
      </Text>
    </View>
  );
}
