import { Text, View } from '@tarojs/components';
import { WishActionLabels } from '@shared/vocab/wishActions';
import { call } from '../../../services/api';
import { useRemote } from '../../../hooks/useRemote';
import { formatDuration } from '../../../components/time';
import { go, Routes } from '../../../services/nav';
import '../../../features/wish/CallListCard.scss';

/** 督办事项: what the town urged, moved here or dispatched that nobody has taken on yet, and how long it has waited since. */
export function SupervisionCard({ now = Date.now() }: { now?: number }) {
  const list = useRemote(() => call('dispatch', 'supervision', {}), []);
  if (list.error) return null;
  const items = list.data?.items ?? [];
  if (!list.loading && items.length === 0) return null;
  return (
    <View className='call-list call-list--page'>
      <Text className='staff-section-title'>镇街督办（{items.length} 件待办）</Text>
      {items.map(({ wish, acts }) => {
        const first = acts[0];
        const last = acts[acts.length - 1];
        return (
          <View key={wish.id} className='call-list__row' role='button' onClick={() => go(Routes.wish(wish.id))}>
            <View>
              <Text className='call-list__name'>
                {wish.priority === 'urgent' && <Text className='tag tag--urgent'>紧急</Text>}
                {wish.title}
              </Text>
              <Text className='call-list__muted'>
                {WishActionLabels[last.action]}
                {last.note ? `：${last.note}` : ''}
              </Text>
              <Text className='call-list__muted'>督办已 {formatDuration(now - new Date(first.at).getTime())}{acts.length > 1 ? ` · 共 ${acts.length} 次` : ''}</Text>
            </View>
          </View>
        );
      })}
    </View>
  );
}
