import { Text, View } from '@tarojs/components';
import { formatTime } from '../../components';

/** The dispute a wish is back at work for: its reason and when the resident raised it. */
export interface OpenDispute {
  reason: string;
  at: string;
}

interface DisputeFacts {
  wish: { status: string };
  events: readonly { action: string; at: string | Date; to?: string; note?: string; meta?: Record<string, string> }[];
}

/**
 * The resident's "not done" still being answered: the wish went back to work on a dispute and has
 * not been completed since. Read off the timeline, where the reason is (the event's note).
 */
export function openDispute({ wish, events }: DisputeFacts): OpenDispute | undefined {
  if (wish.status !== 'in_progress') return undefined;
  const at = (e: { at: string | Date }) => new Date(e.at).getTime();
  const last = [...events].filter((e) => e.action === 'dispute').sort((a, b) => at(b) - at(a))[0];
  if (!last) return undefined;
  // Completed again since (a helper of several finishing their part does not close it; the wish being done would).
  if (events.some((e) => e.action === 'complete' && at(e) > at(last) && e.to === 'done')) return undefined;
  return { reason: last.note ?? last.meta?.reason ?? '未说明原因', at: new Date(last.at).toISOString() };
}

/** Said to the resident on their wish, or to the helper on the task: the dispute is open, and why. */
export function DisputeBanner({ dispute, helper = false }: { dispute: OpenDispute; helper?: boolean }) {
  return (
    <View className="banner banner--warn dispute-banner" role="status">
      <Text className="dispute-banner__title">{helper ? '居民反映服务未完成' : '您反映了服务未完成'}（{formatTime(dispute.at)}）</Text>
      <Text className="dispute-banner__reason">原因：{dispute.reason}</Text>
      <Text className="dispute-banner__next">{helper ? '请联系居民，处理好后再点「完成服务」。' : '志愿者和社区已收到，会重新上门处理；处理好后请您再确认。'}</Text>
    </View>
  );
}
