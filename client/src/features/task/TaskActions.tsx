import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { WishState } from '@shared/vocab/wishStates';
import type { TransitionAction } from '@shared/lifecycle/transitions';
import { DispatcherLabels } from '@shared/lifecycle/dispatchTargets';
import { LeaseCountdown } from '../../components';
import { codeOf, messageOf } from '../../services/errors';
import { SubmitKey } from '../../services/requestId';
import { askSubscribe } from '../../services/subscribe';
import { tasksApi, type ClaimView } from '../../services/wishes';
import { ReportForm } from './ReportForm';

type Notice = { kind: 'ok' | 'error' | 'info'; text: string };

const DONE = '服务已完成，等待居民确认。';
const TAKEN = '这个心愿已有人认领或暂不可认领。';
const MY_PART_DONE = '您的部分已完成，等待其他志愿者完成。';

/** A lease binds a place until its helper starts (shared/README.md): the countdown shows then, whatever the other places do. */
const LEASED: readonly WishState[] = ['open', 'claimed', 'in_progress'];

export interface TaskActionsProps {
  wishId: string;
  /** Unknown when only the hall's list item could be shown. */
  status?: WishState;
  /** What the server says this viewer may do now (`wishes.detail` → `actions`): the only source of buttons. */
  actions: readonly TransitionAction[];
  /** The viewer's own claim, if any: its lease is the countdown. */
  mine?: ClaimView;
  /** Whom a pending assignment names, for its wording: the viewer, or their unit. */
  assignedTo?: 'user' | 'unit';
  /** Who sent it (shared `dispatcherOf`): 社区, or 镇街 for a town's 派单. */
  assignedBy?: string;
  /** Claim for the unit (unit admins) instead of for oneself. */
  asUnit?: string;
  /** Re-read the wish after any change (or a lost race). */
  reload: () => Promise<void> | void;
}

/**
 * What a helper can do with a wish right now: claim, hold (countdown, extend, release), start,
 * report, complete. Every button is one the server listed in `actions`; this screen decides
 * nothing about who may do what.
 */
export function TaskActions({ wishId, status, actions, mine, assignedTo, assignedBy = DispatcherLabels.community, asUnit, reload }: TaskActionsProps) {
  const [busy, setBusy] = useState<string>();
  const [notice, setNotice] = useState<Notice>();
  const claimKey = useRef(new SubmitKey());
  const can = (action: TransitionAction) => actions.includes(action);
  const taken = !mine && actions.length === 0 && status !== 'done';
  // My part can be finished before the wish is (other places still free or at work).
  const finished = mine && (status === 'done' || mine.completedAt !== undefined);
  const standing: Notice | undefined = finished ? { kind: 'ok', text: status === 'done' ? DONE : MY_PART_DONE } : taken ? { kind: 'info', text: TAKEN } : undefined;
  // One message at a time: what just happened (a refusal says who was faster) explains the state better than the generic line.
  const message = notice ?? standing;
  const leaseUntil = mine && !mine.startedAt && status && LEASED.includes(status) ? mine.leaseUntil : undefined;

  const run = async (name: string, action: () => Promise<unknown>, done: string) => {
    setBusy(name);
    setNotice(undefined);
    try {
      await action();
      setNotice({ kind: 'ok', text: done });
      await reload();
    } catch (err) {
      setNotice({ kind: 'error', text: messageOf(err) });
      // Someone else moved the wish, or staff took it back from us (收回: FORBIDDEN, with their reason as the message):
      // show its real state instead of stale buttons.
      const code = codeOf(err);
      if (code === 'ALREADY_CLAIMED' || code === 'INVALID_TRANSITION' || code === 'CONFLICT' || code === 'FORBIDDEN') await reload();
    } finally {
      setBusy(undefined);
    }
  };

  const claim = () =>
    run(
      'claim',
      async () => {
        await tasksApi.claim(wishId, { requestId: claimKey.current.for(wishId), ...(asUnit ? { asUnit } : {}) });
        claimKey.current.done();
        // Consent right after claiming: the lease reminder is what a claimer needs next.
        void askSubscribe(['lease_expired', 'wish_assigned']);
      },
      '认领成功，请在时限内开始服务',
    );

  const release = async () => {
    const res = await Taro.showModal({ title: '放弃认领', content: '放弃后心愿会回到任务大厅，由其他人认领。确定放弃吗？', confirmText: '放弃', cancelText: '再想想' });
    if (res.confirm) void run('release', () => tasksApi.release(wishId), '已放弃认领');
  };

  return (
    <View className="task-actions">
      {message && (
        <View className={`banner banner--${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          <Text>{message.text}</Text>
        </View>
      )}

      {(can('accept') || can('decline')) && (
        <View className="card">
          <Text className="card__title">{assignedBy}把这个心愿派给了{assignedTo === 'unit' ? '您的单位' : '您'}</Text>
          <View className="btn-row">
            {can('accept') && (
              <Button className="btn btn--primary" aria-busy={busy === 'accept'} disabled={!!busy} onClick={() => run('accept', () => tasksApi.accept(wishId), '已接受派单')}>
                接受
              </Button>
            )}
            {can('decline') && (
              <Button className="btn" aria-busy={busy === 'decline'} disabled={!!busy} onClick={() => run('decline', () => tasksApi.decline(wishId), '已拒绝派单，社区会另行安排')}>
                拒绝
              </Button>
            )}
          </View>
        </View>
      )}

      {can('claim') && (
        <Button className="btn btn--primary btn--big" aria-busy={busy === 'claim'} disabled={!!busy} onClick={claim}>
          {asUnit ? '以单位名义认领' : '我来认领'}
        </Button>
      )}

      {(leaseUntil || can('start') || can('release')) && (
        <View>
          {leaseUntil && (
            <LeaseCountdown
              leaseUntil={leaseUntil}
              extending={busy === 'extend'}
              onExtend={can('extend') ? () => run('extend', () => tasksApi.extend(wishId), '已延长认领时间') : undefined}
              onExpire={() => {
                // The lease lapsed on its own: an earlier "认领成功" would now be stale.
                setNotice(undefined);
                void reload();
              }}
            />
          )}
          {(can('start') || can('release')) && (
            <View className="btn-row">
              {can('start') && (
                <Button className="btn btn--primary" aria-busy={busy === 'start'} disabled={!!busy} onClick={() => run('start', () => tasksApi.start(wishId), '已开始服务')}>
                  开始服务
                </Button>
              )}
              {can('release') && (
                <Button className="btn btn--danger" aria-busy={busy === 'release'} disabled={!!busy} onClick={release}>
                  放弃认领
                </Button>
              )}
            </View>
          )}
        </View>
      )}

      {/* Reports belong to the work itself: shown once it has started, which is when complete is offered. */}
      {can('complete') && (
        <View>
          {can('progress') && (
            <ReportForm wishId={wishId} kind="progress" submit={(d, requestId) => tasksApi.progress({ wishId, ...d }, { requestId })} onDone={() => void reload()} />
          )}
          <ReportForm
            wishId={wishId}
            kind="complete"
            submit={(d, requestId) => tasksApi.complete({ wishId, ...d }, { requestId })}
            onDone={() => {
              // The standing line says whether the wish is done or waits for the other helpers.
              setNotice(undefined);
              void reload();
            }}
          />
        </View>
      )}
    </View>
  );
}
