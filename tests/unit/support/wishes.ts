import { applyChange, decide, DEFAULT_SETTINGS, type Claim, type Relation, type TransitionAction, type Wish, type WishState } from '@shared';
import { claimer, COMMUNITY, family, GRID, otherHelper, owner, TOWN, UNIT, unitAdmin, unitMember, assignee } from './people';

export const NOW = new Date('2026-03-01T02:00:00Z');
const HOUR = 3_600_000;
export const hoursBefore = (h: number) => new Date(NOW.getTime() - h * HOUR);
export const hoursAfter = (h: number) => new Date(NOW.getTime() + h * HOUR);

export function baseWish(overrides: Partial<Wish> = {}): Wish {
  return {
    id: 'wish1',
    communityId: COMMUNITY,
    townId: TOWN,
    category: 'repair',
    title: '厨房水管漏水',
    description: '独居老人家中水管漏水，需要帮忙维修',
    location: { type: 'Point', coordinates: [113.9823, 31.2561] },
    address: '桃源社区幸福小区3栋2单元501室',
    buildingId: 'b3',
    gridId: GRID,
    contactPhone: '13812345678',
    helpersNeeded: 1,
    channel: 'miniprogram',
    anonymous: false,
    priority: 'normal',
    status: 'pending_review',
    ownerId: owner.userId,
    createdBy: owner.userId,
    // Posted for a family member (时间银行): every relation of the table, the beneficiary's included, holds to it.
    beneficiary: { userId: family.userId, name: '李桂英' },
    claims: [],
    createdAt: hoursBefore(2),
    updatedAt: hoursBefore(2),
    ...overrides,
  };
}

export function volunteerClaim(userId: string, overrides: Partial<Claim> = {}): Claim {
  return {
    claimerId: userId,
    kind: 'user',
    assigneeId: userId,
    slots: 1,
    leaseUntil: hoursAfter(20),
    extensions: 0,
    claimedAt: hoursBefore(4),
    ...overrides,
  };
}

export function unitClaim(slots: number, overrides: Partial<Claim> = {}): Claim {
  return {
    claimerId: unitAdmin.userId,
    kind: 'unit',
    unitId: UNIT,
    assigneeId: unitMember.userId,
    slots,
    leaseUntil: hoursAfter(20),
    extensions: 0,
    claimedAt: hoursBefore(4),
    ...overrides,
  };
}

export interface Variant {
  name: string;
  wish: Wish;
}

/** Where each claim stands in a state: in progress every helper has started, when done every one has finished. */
const workOf = (status: WishState): Partial<Claim> =>
  status === 'claimed' ? {} : status === 'in_progress' ? { startedAt: hoursBefore(2) } : { startedAt: hoursBefore(3), completedAt: hoursBefore(2) };

const afterWork = (status: WishState, extra: Partial<Wish> = {}): Variant[] => [
  {
    name: 'two volunteers',
    wish: baseWish({ status, helpersNeeded: 2, claims: [volunteerClaim(claimer.userId, workOf(status)), volunteerClaim(otherHelper.userId, workOf(status))], ...extra }),
  },
  { name: 'a unit, handed to a member', wish: baseWish({ status, helpersNeeded: 2, claims: [unitClaim(2, workOf(status))], ...extra }) },
];

/**
 * Realistic wishes in every state, one per way of getting there: the
 * lifecycle table is checked against each of them.
 */
export function variantsOf(status: WishState): Variant[] {
  switch (status) {
    case 'pending_review':
      return [{ name: 'fresh', wish: baseWish() }];
    case 'rejected':
      return [{ name: 'rejected', wish: baseWish({ status, rejectReason: '信息不全' }) }];
    case 'open':
      return [
        { name: 'one of two places taken', wish: baseWish({ status, helpersNeeded: 2, claims: [volunteerClaim(claimer.userId)], openedAt: hoursBefore(1) }) },
      ];
    case 'assigned':
      return [
        { name: 'to a party member', wish: baseWish({ status, assignment: { target: { kind: 'user', id: assignee.userId }, by: 'secretary', at: hoursBefore(1) }, openedAt: hoursBefore(1) }) },
        { name: 'to a unit', wish: baseWish({ status, assignment: { target: { kind: 'unit', id: UNIT }, by: 'secretary', at: hoursBefore(1) }, openedAt: hoursBefore(1) }) },
      ];
    case 'claimed':
      return afterWork(status);
    case 'in_progress':
      return [
        ...afterWork(status),
        {
          name: 'one helper started, the other not yet',
          wish: baseWish({ status, helpersNeeded: 2, claims: [volunteerClaim(claimer.userId), volunteerClaim(otherHelper.userId, workOf(status))] }),
        },
      ];
    case 'done':
      return afterWork(status, { doneAt: hoursBefore(1) });
    case 'confirmed':
      return afterWork(status, { doneAt: hoursBefore(30), confirmedAt: hoursBefore(1) });
    case 'cancelled':
      return [{ name: 'cancelled', wish: baseWish({ status }) }];
  }
}

/** Make the action's own preconditions (guards) hold, so the table alone decides. */
export function preparedFor(action: TransitionAction, wish: Wish): Wish {
  switch (action) {
    // 整理语音 is of a wish with a voice note (without one: lifecycle.rules says it is refused).
    case 'transcribe':
      return { ...wish, voice: { url: `/files/${'d2'.repeat(32)}.mp3`, seconds: 8 } };
    case 'expire':
      return { ...wish, claims: wish.claims.map((c) => ({ ...c, leaseUntil: hoursBefore(1) })) };
    case 'assign':
    case 'reassign':
    case 'townAssign':
      return { ...wish, claims: [] };
    case 'confirm':
      return { ...wish, doneAt: hoursBefore(24 * DEFAULT_SETTINGS.autoConfirmDays + 1) };
    case 'escalate':
      return { ...wish, openedAt: hoursBefore(DEFAULT_SETTINGS.escalateToSecretaryHours + 1) };
    case 'nudge': {
      // A day and more with nothing moving.
      const long = hoursBefore(25);
      const { submittedAt: _s, openedAt: _o, claimedAt: _c, nudgedAt: _n, ...rest } = wish;
      return { ...rest, createdAt: long, claims: wish.claims.map((c) => (c.startedAt ? { ...c, startedAt: long } : c)) };
    }
    default:
      return wish;
  }
}

/** Whether someone can hold `relation` to this wish at all (no claimer without a claim). */
export function isRealisable(relation: Relation, wish: Wish): boolean {
  const target = wish.assignment?.target;
  switch (relation) {
    case 'claimer':
      return wish.claims.some((c) => c.claimerId === claimer.userId);
    case 'assignee':
      return target?.kind === 'user' || wish.claims.some((c) => c.assigneeId !== c.claimerId);
    case 'unit_admin_of_claiming_unit':
      return target?.kind === 'unit' || wish.claims.some((c) => c.kind === 'unit');
    default:
      return true;
  }
}

/** The input an action needs, with nothing that picks a variant (no assignTo for approve). */
export function inputFor(action: TransitionAction) {
  switch (action) {
    case 'reject':
    case 'dispute':
      return { reason: '信息不全，请补充地址' };
    case 'recall':
      return { reason: '认领两天了还没有上门' };
    case 'assign':
      return { assignTo: { kind: 'user' as const, id: assignee.userId } };
    case 'handover':
      return { toUserId: unitMember.userId };
    case 'progress':
    case 'complete':
      return { note: '已联系居民，约好明早上门' };
    case 'urge':
      return { note: '群众反映多日无人认领，请尽快安排' };
    case 'reassign':
      return { toCommunityId: 'c2' };
    case 'townAssign':
      return { unitId: 'unit-town' };
    case 'rate':
      return { stars: 5, comment: '非常及时' };
    // The claimer of the variants: some hold a place (open, two volunteers), some not (a unit's, a dispatch to another).
    case 'vacate':
      return { memberId: claimer.userId };
    case 'transcribe':
      return { description: '老人说家里水龙头一直滴水，想请人来修，下午都在家' };
    default:
      return {};
  }
}

/** One decided step as the wish it leads to: `decide`, then its change applied as the store applies it. */
export function step(wish: Wish, ...rest: Tail<Parameters<typeof decide>>) {
  const decision = decide(wish, ...rest);
  return { ...decision, to: decision.event.to, wish: applyChange(wish, decision.change) };
}
type Tail<T extends unknown[]> = T extends [unknown, ...infer R] ? R : never;
