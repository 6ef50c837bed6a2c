import { useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { redeemRefusal } from '@shared/points';
import type { RedemptionView, StoreItemView } from '@shared/actions/outputs';
import { messageOf } from '../../services/errors';
import { SubmitKey } from '../../services/requestId';

interface Props {
  items: StoreItemView[];
  balance: number;
  redeem: (itemId: string, requestId: string) => Promise<{ redemption: RedemptionView; balance: number }>;
  onRedeemed: (redemption: RedemptionView) => void;
}

/**
 * 爱心超市 shelf: each item with its points and what is left. 兑换 asks once more, naming the points it will
 * take, before anything is sent; an item out of reach says why instead of offering a button that would fail.
 */
export function StoreShelf({ items, balance, redeem, onRedeemed }: Props) {
  // A retry after a lost reply reuses its requestId, so the server spends the points once.
  const key = useRef(new SubmitKey());
  const [asking, setAsking] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (items.length === 0) return <Text className="muted">爱心超市暂时没有可兑换的物品，请留意社区通知。</Text>;

  const confirm = async (item: StoreItemView) => {
    setBusy(true);
    setError(null);
    try {
      const { redemption } = await redeem(item.id, key.current.for(item.id));
      key.current.done();
      setAsking(null);
      onRedeemed(redemption);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View>
      {items.map((item) => {
        const refusal = redeemRefusal(item, balance);
        return (
          <View key={item.id} className="card">
            <View className="row row--between">
              <Text className="card__title">{item.name}</Text>
              <Text className="card__title">{item.cost} 积分</Text>
            </View>
            {item.description && <Text className="muted">{item.description}</Text>}
            <Text className="card__meta">{item.stock > 0 ? `剩余 ${item.stock} 件` : '已兑完'}</Text>
            {asking === item.id ? (
              <View>
                <Text className="banner banner--info">
                  确认用 {item.cost} 积分兑换「{item.name}」吗？兑换后剩余 {balance - item.cost} 积分。
                </Text>
                {error && (
                  <View className="banner banner--error" role="alert">
                    {error}
                  </View>
                )}
                <View className="btn-row">
                  <Button className="btn btn--primary btn--big" aria-busy={busy} disabled={busy} onClick={() => void confirm(item)}>
                    确认兑换
                  </Button>
                  <Button className="btn btn--big" disabled={busy} onClick={() => setAsking(null)}>
                    再想想
                  </Button>
                </View>
              </View>
            ) : (
              <Button
                className="btn btn--primary btn--big"
                disabled={refusal !== null}
                aria-label={`兑换${item.name}`}
                onClick={() => {
                  setError(null);
                  setAsking(item.id);
                }}
              >
                {refusal === null ? '兑换' : refusal.startsWith('积分不足') ? '积分不足' : refusal}
              </Button>
            )}
          </View>
        );
      })}
    </View>
  );
}
