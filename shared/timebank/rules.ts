/**
 * The refusals of the time bank, as pure rules: the cloud functions check them before writing, and the store's
 * conditional update enforces the balance again under concurrency (two withdrawals racing for the same hours).
 */

/** Hours are moved in half hours, as services are reported. */
export const HOURS_STEP = 0.5;
/** The most a single wish may be paid with, or a single transfer may move. */
export const MAX_WITHDRAWAL_HOURS = 100;

/** Why these hours may not be taken from a balance, or null when they may. */
export function withdrawRefusal(balance: number, hours: number): string | null {
  if (hours > balance) return `时间余额不足：需要 ${hours} 小时，当前可用 ${balance} 小时`;
  return null;
}

export const FamilyLinkStatuses = ['pending', 'accepted', 'declined', 'removed'] as const;
export type FamilyLinkStatus = (typeof FamilyLinkStatuses)[number];

export const FamilyRelations = ['parent', 'child', 'spouse', 'sibling', 'grandparent', 'grandchild', 'other'] as const;
export type FamilyRelation = (typeof FamilyRelations)[number];

export const FamilyRelationLabels: Record<FamilyRelation, string> = {
  parent: '父母',
  child: '子女',
  spouse: '配偶',
  sibling: '兄弟姐妹',
  grandparent: '祖父母/外祖父母',
  grandchild: '孙子女/外孙子女',
  other: '其他亲属',
};

/** What the other person is to the one who asked, seen from the other side (父母 ↔ 子女). */
export function inverseRelation(r: FamilyRelation): FamilyRelation {
  switch (r) {
    case 'parent':
      return 'child';
    case 'child':
      return 'parent';
    case 'grandparent':
      return 'grandchild';
    case 'grandchild':
      return 'grandparent';
    default:
      return r;
  }
}

/** Why `from` may not give hours to `to`, or null: only to a family member who accepted the link, never to oneself. */
export function transferRefusal(fromId: string, toId: string, link: { status: FamilyLinkStatus } | null, sameTown: boolean): string | null {
  if (fromId === toId) return '不能转给自己';
  if (!link || link.status !== 'accepted') return '只能转给已确认关系的家人';
  if (!sameTown) return '对方不在本镇街：时间在同一镇街的各社区通存通兑';
  return null;
}

/** Why `userId` may not ask `otherId` to be family, or null. */
export function askFamilyRefusal(userId: string, otherId: string, existing: { status: FamilyLinkStatus } | null): string | null {
  if (userId === otherId) return '不能添加自己为家人';
  if (existing?.status === 'accepted') return '你们已是家人';
  if (existing?.status === 'pending') return '已有一个待对方确认的请求';
  return null;
}
