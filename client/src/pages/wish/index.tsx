import { useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { TransitionAction } from '@shared/lifecycle/transitions';
import { nudgeDueAt } from '@shared/lifecycle/nudge';
import { FOR_WHOM } from '@shared/lifecycle/relations';
import { CallButton, PageState, Screen, Timeline, formatTime } from '../../components';
import { DisputeBanner, openDispute } from '../../features/wish/DisputeBanner';
import { CallListCard } from '../../features/wish/CallListCard';
import { CompletionCard } from '../../features/wish/CompletionCard';
import { DisputeForm } from '../../features/wish/DisputeForm';
import { RateForm } from '../../features/wish/RateForm';
import { WishSummary } from '../../features/wish/WishSummary';
import { StoryConsent } from '../../features/story/StoryConsent';
import { useRemote } from '../../hooks/useRemote';
import { toastError } from '../../services/toast';
import { go, Routes } from '../../services/nav';
import { SubmitKey } from '../../services/requestId';
import { isStoryView, storiesApi } from '../../services/stories';
import { wishesApi, type WishDetail } from '../../services/wishes';

/** Who holds the wish's places: by name where the reply names them (`people`), with a phone where the server gave one (`phones`). */
function helpersOf({ wish, people, phones }: WishDetail): { id: string; name: string; phone?: string }[] {
  return wish.claims.map((c) => {
    const id = people[c.assigneeId] !== undefined ? c.assigneeId : c.claimerId;
    return { id, name: people[id] ?? '志愿者', phone: phones?.[id] ?? phones?.[c.claimerId] };
  });
}

/** The resident's view of one wish: what happened, who helps, and what they can do now. */
export default function WishPage() {
  const id = useRouter().params.id ?? '';
  const detail = useRemote(() => wishesApi.detail(id), [id]);
  const [busy, setBusy] = useState<string>();
  const [confirmKey] = useState(() => new SubmitKey());
  const [nudgeKey] = useState(() => new SubmitKey());
  const wish = detail.data?.wish;
  // The buttons are the server's: `actions` says what this viewer may do to the wish now.
  const can = (action: TransitionAction) => detail.data?.actions.includes(action) ?? false;
  // The people the wish is for (its owner, and the family member it was posted for): they nudge, and answer the
  // community's request to tell a confirmed wish as a 微故事 here.
  const mine = FOR_WHOM.some((r) => detail.data?.relations.includes(r));
  const told = mine && wish?.status === 'confirmed';
  const story = useRemote(() => (told ? storiesApi.ofWish(id) : Promise.resolve({ story: null })), [id, told]);
  const draft = isStoryView(story.data?.story) ? story.data.story : undefined;

  useDidShow(() => {
    if (detail.data) void detail.reload();
    if (told) void story.reload();
  });

  const act = async (name: string, run: () => Promise<unknown>, done: string) => {
    setBusy(name);
    try {
      await run();
      void Taro.showToast({ title: done, icon: 'success' });
      await detail.reload();
    } catch (err) {
      toastError(err);
    } finally {
      setBusy(undefined);
    }
  };

  const onCancel = async () => {
    const res = await Taro.showModal({ title: '取消心愿', content: '确定要取消这个心愿吗？取消后志愿者将无法认领。', confirmText: '确定取消', cancelText: '再想想' });
    if (res.confirm) void act('cancel', () => wishesApi.cancel(id), '已取消');
  };

  const helpers = detail.data ? helpersOf(detail.data) : [];
  // 催一催: when the shared rule lets this wish be nudged (the button itself is the server's `actions`).
  const nudgeAt = wish ? nudgeDueAt(wish) : null;
  const dispute = detail.data ? openDispute(detail.data) : undefined;
  // Staff of the wish's community phone someone while an urgent wish still waits for a helper.
  const staff = detail.data?.relations.some((r) => r === 'staff' || r === 'grid_staff') ?? false;
  const callNow = staff && wish?.priority === 'urgent' && (wish.status === 'open' || wish.status === 'assigned' || wish.status === 'pending_review');

  return (
    <Screen>
      <PageState loading={detail.loading} error={detail.error} onRetry={detail.reload}>
        {wish && (
          <View>
            {wish.status === 'rejected' && (
              <View className="banner banner--error" role="alert">
                <Text>社区未通过这个心愿：{wish.rejectReason ?? '未说明原因'}。您可以修改后重新提交。</Text>
              </View>
            )}
            {wish.status === 'pending_review' && <Text className="banner banner--info">已提交，社区工作人员审核后会发布给志愿者。</Text>}
            {wish.status === 'done' && <Text className="banner banner--ok">志愿者已完成服务，请确认并评价。</Text>}

            <WishSummary wish={wish} />

            {dispute && <DisputeBanner dispute={dispute} />}

            {mine && nudgeAt && (
              <View className="card nudge">
                {can('nudge') ? (
                  <>
                    <Text className="card__meta">等了一天多还没有进展？催一催，{wish.claims.some((c) => !c.completedAt) ? '帮助您的志愿者' : '社区工作人员'}会收到提醒。</Text>
                    <Button className="btn btn--ghost" aria-busy={busy === 'nudge'} disabled={!!busy} onClick={() => act('nudge', () => wishesApi.nudge(id, { requestId: nudgeKey.for(id) }).then(() => nudgeKey.done()), '已提醒')}>
                      催一催
                    </Button>
                  </>
                ) : (
                  <Text className="card__meta">{wish.nudgedAt ? `已于${formatTime(wish.nudgedAt)}催过。` : ''}如果到{formatTime(nudgeAt)}还没有进展，可以在这里催一催。</Text>
                )}
              </View>
            )}

            {callNow && <CallListCard wishId={wish.id} />}

            {can('recall') && (
              <View className="card">
                <Text className="card__meta">认领或派单后还没有开始服务：可以收回，退回心愿池或改派给别人。</Text>
                <Button className="btn btn--ghost" onClick={() => go(Routes.recall(id))}>
                  收回 / 改派
                </Button>
              </View>
            )}

            {helpers.length > 0 && (
              <View className="card">
                <Text className="card__title">帮助您的人</Text>
                {helpers.map((h, i) => (
                  <View key={`${h.id}-${i}`} className="person-row">
                    <Text className="person-row__name">{h.name}</Text>
                    <CallButton name={h.name} phone={h.phone} />
                  </View>
                ))}
              </View>
            )}

            {wish.completion && <CompletionCard completion={wish.completion} />}

            {can('confirm') && (
              <Button
                className="btn btn--primary btn--big"
                aria-busy={busy === 'confirm'}
                disabled={!!busy}
                onClick={() =>
                  act('confirm', async () => {
                    await wishesApi.confirm(id, { requestId: confirmKey.for(id) });
                    confirmKey.done();
                  }, '已确认完成')
                }
              >
                确认已完成
              </Button>
            )}

            {can('dispute') && (
              <DisputeForm
                submit={(reason, requestId) => wishesApi.dispute(id, reason, { requestId })}
                onDone={() => {
                  void Taro.showToast({ title: '已告诉志愿者和社区', icon: 'success' });
                  void detail.reload();
                }}
              />
            )}

            {can('rate') && (
              <RateForm
                submit={(stars, comment, requestId) => wishesApi.rate({ wishId: id, stars, ...(comment ? { comment } : {}) }, { requestId })}
                onDone={() => {
                  void Taro.showToast({ title: '感谢您的评价', icon: 'success' });
                  void detail.reload();
                }}
              />
            )}
            {wish.rating && (
              <View className="card">
                <Text className="card__title">我的评价</Text>
                <Text className="star star--on">{'★'.repeat(wish.rating.stars)}</Text>
                {wish.rating.comment && <Text className="card__meta">{wish.rating.comment}</Text>}
              </View>
            )}

            {draft && <StoryConsent story={draft} answer={(consent, requestId) => storiesApi.consent(draft.id, consent, { requestId })} onDone={() => void story.reload()} />}

            <View className="card">
              <Text className="card__title">进展</Text>
              <Timeline events={detail.data?.events ?? []} people={detail.data?.people} />
            </View>

            <View className="btn-row">
              {can('resubmit') && (
                <Button className="btn btn--primary" onClick={() => go(Routes.resubmit(id))}>
                  修改后重新提交
                </Button>
              )}
              {can('update') && (
                <Button className="btn" onClick={() => go(Routes.edit(id))}>
                  修改心愿
                </Button>
              )}
              {can('cancel') && (
                <Button className="btn btn--danger" aria-busy={busy === 'cancel'} disabled={!!busy} onClick={onCancel}>
                  取消心愿
                </Button>
              )}
            </View>
          </View>
        )}
      </PageState>
    </Screen>
  );
}
