import { useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { formatDuration } from './time';

export interface LeaseCountdownProps {
  /** When the claim lapses and the wish returns to the pool. */
  leaseUntil: string | Date;
  /** Shown as a button while the lease runs; omit to hide. */
  onExtend?: () => void;
  extending?: boolean;
  /** Called once when the time runs out (the screen reloads the wish). */
  onExpire?: () => void;
}

const SOON_MS = 15 * 60000;

/** How long the claimer still holds the wish; warns in the last quarter hour. */
export function LeaseCountdown({ leaseUntil, onExtend, extending, onExpire }: LeaseCountdownProps) {
  const until = new Date(leaseUntil).getTime();
  const [now, setNow] = useState(() => Date.now());
  const left = until - now;

  useEffect(() => {
    if (left <= 0) return;
    // Per-second ticks only in the last minutes; otherwise a tick every 20 s is enough.
    const timer = setTimeout(() => setNow(Date.now()), left < SOON_MS ? 1000 : 20000);
    return () => clearTimeout(timer);
  }, [now, left]);

  useEffect(() => {
    if (left <= 0) onExpire?.();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [left <= 0]);

  if (left <= 0) {
    return (
      <View className="lease lease--expired" role="timer">
        <Text>认领已超时，心愿已回到待认领</Text>
      </View>
    );
  }
  const soon = left < SOON_MS;
  return (
    <View className={`lease${soon ? ' lease--soon' : ''}`} role="timer">
      <Text className="lease__text">认领剩余 {formatDuration(left)}</Text>
      {soon && <Text className="lease__hint">即将超时，请尽快开始服务或延长</Text>}
      {onExtend && (
        <Button className="btn btn--small btn--ghost" onClick={onExtend} disabled={extending} loading={extending}>
          延长认领
        </Button>
      )}
    </View>
  );
}
