import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { WishState } from '@shared/vocab/wishStates';
import { CategoryIcon, PageState, RoleNav, Screen, StatusTag, WishNo, formatTime } from '../../components';
import { useRemote } from '../../hooks/useRemote';
import { useElderMode } from '../../services/elder';
import { go, Routes } from '../../services/nav';
import { getSession } from '../../services/session';
import type { WishView } from '../../services/wishes';
import { wishesApi } from '../../services/wishes';

/** My wishes grouped by what the resident is waiting for. */
const Groups: { title: string; states: WishState[] }[] = [
  { title: '待我确认', states: ['done'] },
  // Not passed: the resident's move (edit and resubmit, or cancel), so not among those waiting for review.
  { title: '未通过，待修改', states: ['rejected'] },
  { title: '进行中', states: ['open', 'assigned', 'claimed', 'in_progress'] },
  { title: '审核中', states: ['pending_review'] },
  { title: '已完成', states: ['confirmed'] },
  { title: '已取消', states: ['cancelled'] },
];

/** A wish family posted for me, or I for family (时间银行): whose it is, in a word. */
function familyLine(wish: WishView, me: string | undefined): string | undefined {
  const forId = wish.beneficiary?.userId;
  if (!forId || forId === wish.ownerId) return undefined;
  const paid = wish.paidHours ? `，时间银行支付 ${wish.paidHours} 小时` : '';
  if (forId === me) return `${wish.ownerName ?? '家人'}为您发布${paid}`;
  return `为家人${wish.beneficiary!.name}发布${paid}`;
}

function WishRow({ wish }: { wish: WishView }) {
  const family = familyLine(wish, getSession()?.user.id);
  return (
    <View className="card wish-item" onClick={() => go(Routes.wish(wish.id))}>
      <CategoryIcon category={wish.category} />
      <View className="wish-item__main">
        <View className="row row--between">
          <Text className="wish-item__title">{wish.title}</Text>
          <StatusTag status={wish.status} />
        </View>
        <Text className="card__meta">{formatTime(wish.submittedAt ?? wish.createdAt)}</Text>
        <WishNo number={wish.number} />
        {family && <Text className="card__meta">{family}</Text>}
        {wish.status === 'rejected' && wish.rejectReason && <Text className="card__meta">未通过：{wish.rejectReason}</Text>}
      </View>
    </View>
  );
}

export default function ResidentHome() {
  const [elder, setElder] = useElderMode();
  const mine = useRemote(() => wishesApi.mine({ limit: 50 }));
  const items = mine.data?.items ?? [];
  const name = getSession()?.user.name;

  useDidShow(() => {
    if (mine.data) void mine.reload();
  });
  usePullDownRefresh(() => {
    void mine.reload().finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <Screen className="home">
      <View className="hero">
        <Text className="hero__title">{name ? `${name}，您好` : '您好'}</Text>
        <Text className="hero__sub">有困难，说出您的心愿，社区和志愿者来帮忙</Text>
      </View>
      <Button className="btn btn--primary btn--big" onClick={() => go(Routes.post)}>
        ＋ 发布心愿
      </Button>
      <Button className="btn btn--ghost btn--small" aria-pressed={elder} onClick={() => setElder(!elder)}>
        {elder ? '退出长辈模式' : '长辈模式（大字）'}
      </Button>

      <PageState
        loading={mine.loading}
        error={mine.error}
        empty={!mine.loading && items.length === 0}
        emptyText="您还没有发布过心愿"
        onRetry={mine.reload}
      >
        {Groups.map((g) => {
          const inGroup = items.filter((w) => g.states.includes(w.status));
          if (inGroup.length === 0) return null;
          return (
            <View key={g.title}>
              <Text className="section-title">
                {g.title}（{inGroup.length}）
              </Text>
              {inGroup.map((w) => (
                <WishRow key={w.id} wish={w} />
              ))}
            </View>
          );
        })}
      </PageState>
      <RoleNav current={Routes.home} />
    </Screen>
  );
}
