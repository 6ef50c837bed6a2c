/**
 * 时间银行 as data. Hours of confirmed service are deposited in an append-only ledger and withdrawn as help:
 * a wish paid by hours. Every entry is named after the event that caused it, so posting an event twice is one
 * entry; a balance is the sum of its entries, never a number kept on its own. Balances are per person and per
 * town (通存通兑): hours earned in one community of a town pay for help in any other community of it.
 *
 * A wish paid by hours holds its hours when it is posted (the balance drops at once, so two wishes cannot
 * spend the same hours); when the wish is confirmed the hold is charged (an entry of 0 that makes it final),
 * and when it is cancelled or rejected the hold is released (the hours come back).
 */
export const TimeEntryKinds = ['deposit', 'reverse', 'hold', 'charge', 'release', 'transfer_out', 'transfer_in'] as const;
export type TimeEntryKind = (typeof TimeEntryKinds)[number];

export interface TimeEntry {
  /** Derived from the source event: the idempotency key. */
  id: string;
  /** Where the hours count: the town (every community of it honours them alike). */
  townId: string;
  userId: string;
  kind: TimeEntryKind;
  /** Signed hours, in half hours: + deposited, released or received; − held or given. A charge is 0. */
  hours: number;
  /** The event this entry records (a service, a wish's posting, the hold it settles, a transfer). */
  sourceId: string;
  at: Date;
  /** The community where it happened (a deposit's service, a withdrawal's wish). */
  communityId?: string;
  wishId?: string;
  wishTitle?: string;
  /** A group activity's attendance (issue 12.8) instead of a wish. */
  activityId?: string;
  /** hold: whom the help is for when not the payer (a family member's name). */
  forName?: string;
  /** charge/release: the hold it settles. */
  holdId?: string;
  /** transfers: the other family member. */
  counterpartId?: string;
  counterpartName?: string;
}

/** The ids of the entries an event writes: one source, one id, whoever posts it and however often. */
export const timeEntryIds = {
  deposit: (serviceId: string) => `deposit:${serviceId}`,
  reverse: (entryId: string) => `reverse:${entryId}`,
  /** A wish's posting (or its resubmission after a rejection): the event that held the hours. */
  hold: (eventId: string) => `hold:${eventId}`,
  charge: (holdId: string) => `charge:${holdId}`,
  release: (holdId: string) => `release:${holdId}`,
  transferOut: (transferId: string) => `transfer_out:${transferId}`,
  transferIn: (transferId: string) => `transfer_in:${transferId}`,
};

/** A balance: the sum of its entries (hours available to withdraw or give). */
export function hoursBalanceOf(entries: readonly Pick<TimeEntry, 'hours'>[]): number {
  return entries.reduce((sum, e) => sum + e.hours, 0);
}

/** Holds neither charged nor released: hours promised to wishes still under way. */
export function openHolds<E extends Pick<TimeEntry, 'id' | 'kind' | 'holdId'>>(entries: readonly E[]): E[] {
  const settled = new Set(entries.filter((e) => e.kind === 'charge' || e.kind === 'release').map((e) => e.holdId));
  return entries.filter((e) => e.kind === 'hold' && !settled.has(e.id));
}

/** Hours held for wishes still under way (a positive number). */
export function heldHours(entries: readonly Pick<TimeEntry, 'id' | 'kind' | 'holdId' | 'hours'>[]): number {
  return 0 - hoursBalanceOf(openHolds(entries));
}

/** Hours as people say them: "2 小时", "1.5 小时". */
export function formatHours(h: number): string {
  return `${Math.round(Math.abs(h) * 10) / 10} 小时`;
}

/** One entry as a sentence its holder reads in their history. */
export function describeTimeEntry(e: Pick<TimeEntry, 'kind' | 'hours' | 'wishTitle' | 'forName' | 'counterpartName'>): string {
  const h = formatHours(e.hours);
  const wish = e.wishTitle ? `「${e.wishTitle}」` : '一次服务';
  const who = e.counterpartName ?? '家人';
  switch (e.kind) {
    case 'deposit':
      return `${wish}经确认，存入 ${h}`;
    case 'reverse':
      return `${wish}的服务被撤回，扣回 ${h}`;
    case 'hold':
      return `发布心愿${wish}${e.forName ? `（为${e.forName}）` : ''}用时间支付，预扣 ${h}`;
    case 'charge':
      return `心愿${wish}已确认完成，预扣的时间正式支付`;
    case 'release':
      return `心愿${wish}未进行（已取消或未通过审核），退回 ${h}`;
    case 'transfer_out':
      return `转给${who} ${h}`;
    case 'transfer_in':
      return `${who}转入 ${h}`;
  }
}
