/** 爱心超市: what staff put on the shelf and what a helper's redemption goes through. */
export const RedemptionStatuses = ['pending', 'fulfilled', 'cancelled'] as const;
export type RedemptionStatus = (typeof RedemptionStatuses)[number];

export const RedemptionStatusLabels: Record<RedemptionStatus, string> = {
  pending: '待领取',
  fulfilled: '已领取',
  cancelled: '已取消',
};

/** Redemption codes: no 0/O or 1/I/L, so a code read aloud or typed from a slip is not mistaken. */
export const REDEMPTION_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const REDEMPTION_CODE_LENGTH = 8;

/** A typed code as stored: upper case, spaces and dashes dropped. */
export function normalizeCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

/** Why a helper may not redeem an item now, or null when they may. */
export function redeemRefusal(item: { active: boolean; stock: number; cost: number }, balance: number): string | null {
  if (!item.active) return '该物品已下架';
  if (item.stock <= 0) return '该物品已兑完';
  if (balance < item.cost) return `积分不足：需要 ${item.cost} 积分，当前 ${balance} 积分`;
  return null;
}
