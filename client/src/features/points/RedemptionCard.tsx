import { Button, Text, View } from '@tarojs/components';
import { RedemptionStatusLabels } from '@shared/points';
import type { RedemptionView } from '@shared/actions/outputs';
import { formatTime } from '../../components';
import { CodeQr } from './CodeQr';

/** One of my redemptions: while it waits, the code (large, and as a QR code) to show at the desk, and a way to cancel. */
export function RedemptionCard({ redemption: r, onCancel, busy }: { redemption: RedemptionView; onCancel?: () => void; busy?: boolean }) {
  const waiting = r.status === 'pending';
  return (
    <View className="card">
      <View className="row row--between">
        <Text className="card__title">{r.itemName}</Text>
        <Text className={`tag tag--${waiting ? 'open' : r.status === 'fulfilled' ? 'confirmed' : 'cancelled'}`}>{RedemptionStatusLabels[r.status]}</Text>
      </View>
      <Text className="card__meta">
        {r.cost} 积分 · {formatTime(r.createdAt)}
      </Text>
      {waiting && (
        <View>
          <Text className="muted">请到社区爱心超市出示兑换码领取：</Text>
          <Text className="title-l" aria-label="兑换码">
            {r.code.slice(0, 4)} {r.code.slice(4)}
          </Text>
          <CodeQr code={r.code} />
          {onCancel && (
            <Button className="btn" aria-busy={busy} disabled={busy} onClick={onCancel}>
              取消兑换（退回积分）
            </Button>
          )}
        </View>
      )}
    </View>
  );
}
