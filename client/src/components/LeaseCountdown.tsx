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

type Shown = { text: string; soon: boolean; expired: boolean };

function shownAt(until: number, now: number): Shown {
  const left = until - now;
  return { text: formatDuration(Math.max(0, left)), soon: left < SOON_MS, expired: left <= 0 };
}

/** How long the claimer still holds the wish; warns in the last quarter hour. */
export function LeaseCountdown({ leaseUntil, onExtend, extending, onExpire }: LeaseCountdownProps) {
  const until = new Date(leaseUntil).getTime();
  const [shown, setShown] = useState(() => shownAt(until, Date.now()));

  useEffect(() => {
    setShown(shownAt(until, Date.now()));
    // A one-second tick, but state only changes when the minute shown changes (few re-renders, few setData calls).
    const timer = setInterval(() => {
      setShown((prev) => {
        const next = shownAt(until, Date.now());
        return next.text === prev.text && next.soon === prev.soon && next.expired === prev.expired ? prev : next;
      });
    }, 1000);
    return () => clearInterval(timer);
  }, [until]);

  useEffect(() => {
    if (shown.expired) onExpire?.();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shown.expired]);

  if (shown.expired) {
    return (
      <View className="lease lease--expired" role="timer">
        <Text>认领已超时，心愿已回到待认领</Text>
      </View>
    );
  }
  return (
    <View className={`lease${shown.soon ? ' lease--soon' : ''}`} role="timer">
      <Text className="lease__text">认领剩余 {shown.text}</Text>
      {shown.soon && <Text className="lease__hint">即将超时，请尽快开始服务或延长</Text>}
      {onExtend && (
        <Button className="btn btn--small btn--ghost" onClick={onExtend} disabled={extending} aria-busy={extending}>
          延长认领
        </Button>
      )}
    </View>
  );
}
