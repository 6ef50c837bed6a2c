import { useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { DispatcherLabels, dispatcherOf } from '@shared/lifecycle/dispatchTargets';
import { CallButton, NavigateButton, PageState, Screen, Timeline } from '../../../../components';
import { recall } from '../../../../features/task/cache';
import { myClaimOf, myPlaceState } from '../../../../features/task/myClaim';
import { TaskActions } from '../../../../features/task/TaskActions';
import { WishSummary } from '../../../../features/wish/WishSummary';
import { DisputeBanner, openDispute } from '../../../../features/wish/DisputeBanner';
import { useRemote } from '../../../../hooks/useRemote';
import { codeOf } from '../../../../services/errors';
import { getSession, membership } from '../../../../services/session';
import { wishesApi, type NearbyItem, type WishDetail } from '../../../../services/wishes';

/** The wish as the server answered it, or only what the hall showed when the server no longer lets us read it. */
type Loaded = { detail: WishDetail } | { seen: NearbyItem };

/** A wish from the helper's side: masked contact until claimed, then the work. */
export default function TaskPage() {
  const id = useRouter().params.id ?? '';
  const session = getSession();
  const m = membership();
  const unitAdmin = session?.activeRole === 'unit_admin';

  const loaded = useRemote<Loaded>(async () => {
    try {
      return { detail: await wishesApi.detail(id) };
    } catch (err) {
      // Taken by someone else meanwhile: show what the hall showed (already masked by the server), with no buttons.
      const seen = recall(id);
      if (seen && (codeOf(err) === 'FORBIDDEN' || codeOf(err) === 'NOT_FOUND')) return { seen };
      throw err;
    }
  }, [id]);
  const data = loaded.data;
  const detail = data && 'detail' in data ? data.detail : undefined;
  const wish = detail?.wish;
  const summary = wish ?? (data && 'seen' in data ? data.seen : undefined);
  const actions = detail?.actions ?? [];
  const mine = wish && session ? myClaimOf(wish.claims, { userId: session.user.id, unitId: m?.unitId, forUnit: unitAdmin }) : undefined;
  const events = detail?.events ?? [];
  // Back at work because the resident said it was not done: say so, and why, above everything else.
  const dispute = detail && mine ? openDispute(detail) : undefined;

  useDidShow(() => {
    if (loaded.data) void loaded.reload();
  });

  return (
    <Screen>
      <PageState loading={loaded.loading} error={loaded.error} onRetry={loaded.reload}>
        {summary && session && (
          <View>
            <WishSummary wish={summary} status={myPlaceState(wish?.status, mine)} />
            {dispute && <DisputeBanner dispute={dispute} helper />}
            {/* A promise about claiming: only where claiming is still possible, and not to whom the wish was sent (an assignee reads the exact address already). */}
            {!mine && !wish?.contactVisible && (actions.includes('claim') || actions.includes('accept')) && <Text className="field__hint">认领后可查看居民的完整电话和详细地址。</Text>}
            {/* Whoever holds the work gets the resident's exact phone and place from the server (contactVisible): ring and go. */}
            {mine && wish?.contactVisible && (
              <View className="card">
                <Text className="card__title">联系居民</Text>
                <View className="person-row">
                  <View className="person-row__main">
                    <Text className="person-row__name">{wish.beneficiary?.name ?? wish.ownerName ?? '居民'}</Text>
                    {wish.address && <Text className="person-row__sub">{wish.address}</Text>}
                  </View>
                  <View className="person-row__actions">
                    <CallButton name={wish.beneficiary?.name ?? wish.ownerName ?? '居民'} phone={wish.contactPhone ?? wish.beneficiary?.phone} />
                    <NavigateButton point={wish.location} name={wish.title} address={wish.address} />
                  </View>
                </View>
              </View>
            )}
            <TaskActions
              wishId={id}
              status={wish?.status}
              actions={actions}
              mine={mine}
              assignedTo={wish?.assignment?.target.kind}
              assignedBy={DispatcherLabels[dispatcherOf(events)]}
              asUnit={unitAdmin ? m?.unitId : undefined}
              reload={loaded.reload}
            />
            {events.length > 0 && (
              <View className="card">
                <Text className="card__title">进展</Text>
                <Timeline events={events} people={detail?.people} />
              </View>
            )}
          </View>
        )}
      </PageState>
    </Screen>
  );
}
