import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { LeaseCountdown } from '../../components';
import { codeOf, messageOf } from '../../services/errors';
import { SubmitKey } from '../../services/requestId';
import { askSubscribe } from '../../services/subscribe';
import type { WishView } from '../../services/types';
import { tasksApi } from '../../services/wishes';
import { ReportForm } from './ReportForm';
import { relationOf } from './relation';

type Notice = { kind: 'ok' | 'error' | 'info'; text: string };

const DONE = '服务已完成，等待居民确认。';
const TAKEN = '这个心愿已有人认领或暂不可认领。';

export interface TaskActionsProps {
  wish: WishView;
  me: { userId: string; unitId?: string };
  /** Claim for the unit (unit admins) instead of for oneself. */
  asUnit?: string;
  /** Re-read the wish after any change (or a lost race). */
  reload: () => Promise<void> | void;
}

/** What a helper can do with a wish right now: claim, hold (countdown, extend, release), start, report, complete. */
export function TaskActions({ wish, me, asUnit, reload }: TaskActionsProps) {
  const [busy, setBusy] = useState<string>();
  const [notice, setNotice] = useState<Notice>();
  const claimKey = useRef(new SubmitKey());
  const rel = relationOf(wish, me);
  const taken = !rel.holding && !rel.claimable && !rel.assignedToMe && wish.status !== 'done';
  const standing: Notice | undefined =
    wish.status === 'done' && rel.holding ? { kind: 'ok', text: DONE } : taken ? { kind: 'info', text: TAKEN } : undefined;
  // One message at a time: what just happened (a refusal says who was faster) explains the state better than the generic line.
  const message = notice ?? standing;

  const run = async (name: string, action: () => Promise<unknown>, done: string) => {
    setBusy(name);
    setNotice(undefined);
    try {
      await action();
      setNotice({ kind: 'ok', text: done });
      await reload();
    } catch (err) {
      setNotice({ kind: 'error', text: messageOf(err) });
      // Someone else moved the wish: show its real state instead of stale buttons.
      const code = codeOf(err);
      if (code === 'ALREADY_CLAIMED' || code === 'INVALID_TRANSITION' || code === 'CONFLICT') await reload();
    } finally {
      setBusy(undefined);
    }
  };

  const claim = () =>
    run(
      'claim',
      async () => {
        await tasksApi.claim(wish.id, { requestId: claimKey.current.for(wish.id), ...(asUnit ? { asUnit } : {}) });
        claimKey.current.done();
        // Consent right after claiming: the lease reminder is what a claimer needs next.
        void askSubscribe(['lease_expired', 'wish_assigned']);
      },
      '认领成功，请在时限内开始服务',
    );

  const release = async () => {
    const res = await Taro.showModal({ title: '放弃认领', content: '放弃后心愿会回到任务大厅，由其他人认领。确定放弃吗？', confirmText: '放弃', cancelText: '再想想' });
    if (res.confirm) void run('release', () => tasksApi.release(wish.id), '已放弃认领');
  };

  return (
    <View className="task-actions">
      {message && (
        <View className={`banner banner--${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          <Text>{message.text}</Text>
        </View>
      )}

      {rel.assignedToMe && (
        <View className="card">
          <Text className="card__title">社区把这个心愿派给了{wish.assignment?.target.kind === 'unit' ? '您的单位' : '您'}</Text>
          <View className="btn-row">
            <Button className="btn btn--primary" loading={busy === 'accept'} disabled={!!busy} onClick={() => run('accept', () => tasksApi.accept(wish.id), '已接受派单')}>
              接受
            </Button>
            <Button className="btn" loading={busy === 'decline'} disabled={!!busy} onClick={() => run('decline', () => tasksApi.decline(wish.id), '已拒绝派单，社区会另行安排')}>
              拒绝
            </Button>
          </View>
        </View>
      )}

      {rel.claimable && !rel.assignedToMe && (
        <Button className="btn btn--primary btn--big" loading={busy === 'claim'} disabled={!!busy} onClick={claim}>
          {asUnit ? '以单位名义认领' : '我来认领'}
        </Button>
      )}

      {rel.holding && wish.status === 'claimed' && (
        <View>
          {rel.leaseUntil && (
            <LeaseCountdown
              leaseUntil={rel.leaseUntil}
              extending={busy === 'extend'}
              onExtend={() => run('extend', () => tasksApi.extend(wish.id), '已延长认领时间')}
              onExpire={() => {
                // The lease lapsed on its own: an earlier "认领成功" would now be stale.
                setNotice(undefined);
                void reload();
              }}
            />
          )}
          <View className="btn-row">
            <Button className="btn btn--primary" loading={busy === 'start'} disabled={!!busy} onClick={() => run('start', () => tasksApi.start(wish.id), '已开始服务')}>
              开始服务
            </Button>
            <Button className="btn btn--danger" loading={busy === 'release'} disabled={!!busy} onClick={release}>
              放弃认领
            </Button>
          </View>
        </View>
      )}

      {rel.holding && wish.status === 'in_progress' && (
        <View>
          <ReportForm wishId={wish.id} kind="progress" submit={(d, requestId) => tasksApi.progress({ wishId: wish.id, ...d }, { requestId })} onDone={() => void reload()} />
          <ReportForm
            wishId={wish.id}
            kind="complete"
            submit={(d, requestId) => tasksApi.complete({ wishId: wish.id, ...d }, { requestId })}
            onDone={() => {
              setNotice({ kind: 'ok', text: DONE });
              void reload();
            }}
          />
        </View>
      )}
    </View>
  );
}
