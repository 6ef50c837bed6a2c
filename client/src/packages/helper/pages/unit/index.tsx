import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { ActionReply } from '@shared/actions';
import { PageState, RoleNav, Screen, StatusTag, formatTime } from '../../../../components';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { toastError } from '../../../../services/toast';
import { go, Routes } from '../../../../services/nav';
import { membership } from '../../../../services/session';
import { tasksApi, type WishView } from '../../../../services/wishes';

type Member = ActionReply<'org', 'members'>['items'][number];

/** 单位认领: the unit's claims, each handed to one of its members. */
export default function UnitPage() {
  const unitId = membership()?.unitId;
  const claims = useRemote(() => tasksApi.mine({ limit: 50 }));
  const members = useRemote(() => (unitId ? call('org', 'members', { unitId }) : Promise.resolve({ items: [] })), [unitId]);
  const memberNames = new Map((members.data?.items ?? []).map((m) => [m.user.id, m.user.name]));
  const [handing, setHanding] = useState<string>();
  const [busy, setBusy] = useState(false);

  useDidShow(() => {
    if (claims.data) void claims.reload();
  });

  const handTo = async (wish: WishView, member: Member) => {
    setBusy(true);
    try {
      await tasksApi.handover(wish.id, member.user.id);
      void Taro.showToast({ title: `已交给${member.user.name}`, icon: 'success' });
      setHanding(undefined);
      await claims.reload();
    } catch (err) {
      toastError(err);
    } finally {
      setBusy(false);
    }
  };

  const items = (claims.data?.items ?? []).filter((w) => ['assigned', 'claimed', 'in_progress', 'done'].includes(w.status));

  return (
    <Screen>
      <View className="hero">
        <Text className="hero__title">单位认领</Text>
        <Text className="hero__sub">认领心愿后，交给单位成员完成</Text>
      </View>
      <Button className="btn btn--ghost" onClick={() => go(Routes.hall)}>
        去任务大厅认领
      </Button>
      <PageState loading={claims.loading} error={claims.error} empty={!claims.loading && items.length === 0} emptyText="单位还没有认领心愿" onRetry={claims.reload}>
        {items.map((w) => {
          // The unit's claim: handed over once its assignee is someone other than the admin who claimed.
          const unitClaim = w.claims.find((c) => c.kind === 'unit' && c.unitId === unitId);
          const handedTo = unitClaim && unitClaim.assigneeId !== unitClaim.claimerId ? unitClaim.assigneeId : undefined;
          const handedName = handedTo ? (memberNames.get(handedTo) ?? '单位成员') : undefined;
          return (
            <View key={w.id} className="card">
              <View className="row row--between" onClick={() => go(Routes.task(w.id))}>
                <Text className="wish-item__title">{w.title}</Text>
                <StatusTag status={w.status} />
              </View>
              <Text className="card__meta">
                {handedName ? `负责人：${handedName}` : '尚未交给成员'} · {formatTime(w.updatedAt ?? w.createdAt)}
              </Text>
              {/* Once a member holds it, the card says so; the admin may still pass it to someone else. */}
              {w.status === 'claimed' &&
                (handing === w.id ? (
                  <View className="chips" style={{ marginTop: '8px' }}>
                    {(members.data?.items ?? []).filter((m) => m.user.id !== (unitClaim?.assigneeId ?? '')).map((m) => (
                      <Text key={m.user.id} className="chip" onClick={() => !busy && handTo(w, m)}>
                        {m.user.name}
                      </Text>
                    ))}
                    {(members.data?.items ?? []).length === 0 && <Text className="muted">{members.loading ? '加载成员…' : '单位暂无成员'}</Text>}
                  </View>
                ) : (
                  <Button className="btn btn--small btn--ghost" onClick={() => setHanding(w.id)}>
                    {handedTo ? '改交其他成员' : '交给成员'}
                  </Button>
                ))}
            </View>
          );
        })}
      </PageState>
      <RoleNav current={Routes.unit} />
    </Screen>
  );
}
