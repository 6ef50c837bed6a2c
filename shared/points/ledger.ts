/**
 * The points ledger as data: append-only entries, each named after the event that caused it, so posting the
 * same event twice is one entry (a retried confirm, a re-run timer). A balance is the sum of its entries;
 * a withdrawn service or a cancelled redemption is a new entry that reverses the first, never an edit.
 */
export const LedgerKinds = ['earn', 'reverse', 'redeem', 'refund'] as const;
export type LedgerKind = (typeof LedgerKinds)[number];

export interface LedgerEntry {
  /** Derived from the source event: the idempotency key. */
  id: string;
  communityId: string;
  userId: string;
  kind: LedgerKind;
  /** Signed whole points: + earned or refunded, − spent or reversed. */
  amount: number;
  /** The event this entry records (a service, a redemption, the entry it reverses). */
  sourceId: string;
  at: Date;
  /** earn/reverse: the China day the points count against the daily cap. */
  day?: string;
  wishId?: string;
  /** A group activity's attendance (issue 12.8) instead of a wish. */
  activityId?: string;
  /** The wish's title, or the 集体活动's when `activityId` says so. */
  wishTitle?: string;
  hours?: number;
  /** earn: the rule gave more than the day's cap left. */
  capped?: boolean;
  redemptionId?: string;
  itemName?: string;
}

/** The ids of the entries an event writes: one source, one id, whoever posts it and however often. */
export const ledgerIds = {
  earn: (serviceId: string) => `earn:${serviceId}`,
  reverse: (entryId: string) => `reverse:${entryId}`,
  redeem: (redemptionId: string) => `redeem:${redemptionId}`,
  refund: (redemptionId: string) => `refund:${redemptionId}`,
};

/** A balance: the sum of its entries. */
export function balanceOf(entries: readonly Pick<LedgerEntry, 'amount'>[]): number {
  return entries.reduce((sum, e) => sum + e.amount, 0);
}

/** Points earned on a day, net of reversals: what counts against that day's cap. */
export function earnedOn(entries: readonly Pick<LedgerEntry, 'kind' | 'amount' | 'day'>[], day: string): number {
  return entries.filter((e) => (e.kind === 'earn' || e.kind === 'reverse') && e.day === day).reduce((sum, e) => sum + e.amount, 0);
}

/** One entry as a sentence the helper reads in their history. */
export function describeEntry(e: Pick<LedgerEntry, 'kind' | 'amount' | 'wishTitle' | 'activityId' | 'hours' | 'capped' | 'itemName'>): string {
  const n = Math.abs(e.amount);
  const wish = e.wishTitle ? `「${e.wishTitle}」` : '一次服务';
  switch (e.kind) {
    case 'earn':
      if (e.activityId) return `参加集体活动「${e.wishTitle ?? ''}」，服务 ${e.hours ?? 0} 小时，获得 ${n} 积分${e.capped ? '（已达当日上限）' : ''}`;
      return `${wish}经居民确认，服务 ${e.hours ?? 0} 小时，获得 ${n} 积分${e.capped ? '（已达当日上限）' : ''}`;
    case 'reverse':
      return `${wish}的服务被撤回，扣回 ${n} 积分`;
    case 'redeem':
      return `兑换「${e.itemName ?? '物品'}」，使用 ${n} 积分`;
    case 'refund':
      return `兑换「${e.itemName ?? '物品'}」已取消，退回 ${n} 积分`;
  }
}
