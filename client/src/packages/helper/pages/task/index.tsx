import { useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PageState, Screen, Timeline } from '../../../../components';
import { recall } from '../../../../features/task/cache';
import { relationOf } from '../../../../features/task/relation';
import { TaskActions } from '../../../../features/task/TaskActions';
import { WishSummary } from '../../../../features/wish/WishSummary';
import { useRemote } from '../../../../hooks/useRemote';
import { codeOf } from '../../../../services/errors';
import { getSession, membership } from '../../../../services/session';
import type { WishDetail } from '../../../../services/types';
import { wishesApi } from '../../../../services/wishes';

/** A wish from the helper's side: masked contact until claimed, then the work. */
export default function TaskPage() {
  const id = useRouter().params.id ?? '';
  const session = getSession();
  const m = membership();
  const unitAdmin = session?.activeRole === 'unit_admin';

  const detail = useRemote<WishDetail>(async () => {
    try {
      return await wishesApi.detail(id);
    } catch (err) {
      // Not yet ours to read in full: show what the hall showed (already masked by the server).
      const seen = recall(id);
      if (seen && (codeOf(err) === 'FORBIDDEN' || codeOf(err) === 'NOT_FOUND')) return { wish: seen, events: [] };
      throw err;
    }
  }, [id]);
  const wish = detail.data?.wish;
  const me = session ? { userId: session.user.id, unitId: m?.unitId } : undefined;
  const rel = wish && me ? relationOf(wish, me) : undefined;

  useDidShow(() => {
    if (detail.data) void detail.reload();
  });

  return (
    <Screen>
      <PageState loading={detail.loading} error={detail.error} onRetry={detail.reload}>
        {wish && me && rel && (
          <View>
            <WishSummary wish={wish} />
            {/* A promise about claiming: only where claiming is still possible. */}
            {!rel.holding && (rel.claimable || rel.assignedToMe) && <Text className="field__hint">认领后可查看居民的完整电话和详细地址。</Text>}
            <TaskActions wish={wish} me={me} asUnit={unitAdmin ? m?.unitId : undefined} reload={detail.reload} />
            {(detail.data?.events.length ?? 0) > 0 && (
              <View className="card">
                <Text className="card__title">进展</Text>
                <Timeline events={detail.data?.events ?? []} />
              </View>
            )}
          </View>
        )}
      </PageState>
    </Screen>
  );
}
