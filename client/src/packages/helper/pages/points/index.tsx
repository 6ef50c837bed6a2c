import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { RedemptionView } from '@shared/actions/outputs';
import { PageState, Screen, formatTime } from '../../../../components';
import { RedemptionCard } from '../../../../features/points/RedemptionCard';
import { StoreShelf } from '../../../../features/points/StoreShelf';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { toastError } from '../../../../services/toast';

/** 积分: what my confirmed service earned, the 爱心超市 to spend it in, my redemption codes and every entry of the ledger. */
export default function PointsPage() {
  const page = useRemote(async () => {
    const [mine, shelf] = await Promise.all([call('points', 'mine', {}), call('points', 'catalogue', {})]);
    return { ...mine, items: shelf.items };
  });
  const [cancelling, setCancelling] = useState<string | null>(null);
  const data = page.data;

  const onRedeemed = (r: RedemptionView) => {
    void Taro.showToast({ title: `兑换成功，兑换码 ${r.code}`, icon: 'none', duration: 3000 });
    void page.reload();
  };
  const cancel = async (r: RedemptionView) => {
    const { confirm } = await Taro.showModal({ title: '取消兑换', content: `取消「${r.itemName}」的兑换，退回 ${r.cost} 积分？`, confirmText: '取消兑换', cancelText: '不取消' });
    if (!confirm) return;
    setCancelling(r.id);
    try {
      await call('points', 'cancel', { redemptionId: r.id });
      void Taro.showToast({ title: `已退回 ${r.cost} 积分`, icon: 'none' });
      await page.reload();
    } catch (err) {
      toastError(err);
    } finally {
      setCancelling(null);
    }
  };

  return (
    <Screen>
      <PageState loading={page.loading} error={page.error} onRetry={page.reload}>
        {data && (
          <View>
            <View className="hero">
              <Text className="hero__title">{data.balance} 积分</Text>
              <Text className="hero__sub">服务经居民确认后获得积分，可在社区爱心超市兑换</Text>
            </View>

            {data.redemptions.some((r) => r.status === 'pending') && <Text className="section-title">待领取</Text>}
            {data.redemptions
              .filter((r) => r.status === 'pending')
              .map((r) => (
                <RedemptionCard key={r.id} redemption={r} busy={cancelling === r.id} onCancel={() => void cancel(r)} />
              ))}

            <Text className="section-title">爱心超市</Text>
            <StoreShelf items={data.items} balance={data.balance} redeem={(itemId, requestId) => call('points', 'redeem', { itemId }, { requestId })} onRedeemed={onRedeemed} />

            <Text className="section-title">积分明细</Text>
            {data.entries.length === 0 && <Text className="muted">完成心愿并经居民确认后，这里会记录您获得的积分。</Text>}
            {data.entries.map((e) => (
              <View key={e.id} className="card">
                <View className="row row--between">
                  <Text>{e.text}</Text>
                  <Text className="card__title">{e.amount > 0 ? `+${e.amount}` : e.amount}</Text>
                </View>
                <Text className="card__meta">{formatTime(e.at)}</Text>
              </View>
            ))}

            {data.redemptions.some((r) => r.status !== 'pending') && <Text className="section-title">兑换记录</Text>}
            {data.redemptions
              .filter((r) => r.status !== 'pending')
              .map((r) => (
                <RedemptionCard key={r.id} redemption={r} />
              ))}
          </View>
        )}
      </PageState>
    </Screen>
  );
}
