/** The points rule (issue 12 item 3): what a confirmed service earns, per hour, by category, under a daily cap. */
import { DEFAULT_SETTINGS, RedemptionCode, balanceOf, chinaDay, describeEntry, earnedOn, earningFor, pointsOf, redeemRefusal, type PointsRule } from '@shared';

const rule = (over: Partial<PointsRule> = {}): PointsRule => ({ pointsPerHour: 10, pointsDailyCap: 0, pointsCategoryWeights: {}, ...over });

describe('points per service', () => {
  test('hours × points per hour, a category left out of the weights counting once', () => {
    expect(pointsOf({ hours: 1.5, category: 'repair' }, rule())).toBe(15);
    expect(pointsOf({ hours: 0.5, category: 'companionship' }, rule({ pointsPerHour: 7 }))).toBe(4); // 3.5 rounds to whole points
  });

  test('a category weight multiplies, a weight of 0 earns nothing', () => {
    const weighted = rule({ pointsCategoryWeights: { health: 2, material: 0, repair: 1.5 } });
    expect(pointsOf({ hours: 2, category: 'health' }, weighted)).toBe(40);
    expect(pointsOf({ hours: 2, category: 'repair' }, weighted)).toBe(30);
    expect(pointsOf({ hours: 3, category: 'material' }, weighted)).toBe(0);
    expect(pointsOf({ hours: 2, category: 'daily_help' }, weighted)).toBe(20);
  });

  test('the defaults a new community starts with: 10 a confirmed hour, at most 100 a day', () => {
    expect(earningFor({ hours: 2, category: 'repair' }, DEFAULT_SETTINGS, 0)).toEqual({ points: 20, uncapped: 20, capped: false });
    expect(earningFor({ hours: 24, category: 'repair' }, DEFAULT_SETTINGS, 0)).toEqual({ points: 100, uncapped: 240, capped: true });
  });
});

describe('the daily cap', () => {
  const capped = rule({ pointsDailyCap: 50 });

  test('under the cap: all of it', () => {
    expect(earningFor({ hours: 2, category: 'repair' }, capped, 20)).toEqual({ points: 20, uncapped: 20, capped: false });
  });

  test('reaching the cap: only what is left, and it says it was capped', () => {
    expect(earningFor({ hours: 4, category: 'repair' }, capped, 30)).toEqual({ points: 20, uncapped: 40, capped: true });
  });

  test('past the cap: nothing more that day, never a negative earning', () => {
    expect(earningFor({ hours: 1, category: 'repair' }, capped, 50)).toMatchObject({ points: 0, capped: true });
    expect(earningFor({ hours: 1, category: 'repair' }, capped, 70)).toMatchObject({ points: 0 });
  });

  test('a cap of 0 means no cap', () => {
    expect(earningFor({ hours: 24, category: 'repair' }, rule({ pointsDailyCap: 0 }), 10_000).points).toBe(240);
  });

  test('the day is China’s: 23:30 UTC is already the next morning in China', () => {
    expect(chinaDay(new Date('2026-11-30T15:59:00Z'))).toBe('2026-11-30');
    expect(chinaDay(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12-01');
  });

  test('a reversed earning no longer counts against its day', () => {
    const entries = [
      { kind: 'earn' as const, amount: 40, day: '2026-12-01' },
      { kind: 'reverse' as const, amount: -40, day: '2026-12-01' },
      { kind: 'earn' as const, amount: 10, day: '2026-12-01' },
      { kind: 'earn' as const, amount: 30, day: '2026-12-02' },
      { kind: 'redeem' as const, amount: -25 },
    ];
    expect(earnedOn(entries, '2026-12-01')).toBe(10);
    expect(balanceOf(entries)).toBe(15);
  });
});

describe('the shelf and the history', () => {
  test('a redemption is refused off the shelf, sold out, or short of points, in that order', () => {
    expect(redeemRefusal({ active: false, stock: 5, cost: 10 }, 100)).toBe('该物品已下架');
    expect(redeemRefusal({ active: true, stock: 0, cost: 10 }, 100)).toBe('该物品已兑完');
    expect(redeemRefusal({ active: true, stock: 1, cost: 10 }, 9)).toBe('积分不足：需要 10 积分，当前 9 积分');
    expect(redeemRefusal({ active: true, stock: 1, cost: 10 }, 10)).toBeNull();
  });

  test('codes are forgiven case, spaces and dashes, and refused when they cannot be one', () => {
    expect(RedemptionCode.parse(' abcd-2345 ')).toBe('ABCD2345');
    expect(RedemptionCode.safeParse('ABCD1234').success).toBe(false); // no 1: it reads as I or L
    expect(RedemptionCode.safeParse('ABC').success).toBe(false);
  });

  test('each entry reads as a sentence', () => {
    expect(describeEntry({ kind: 'earn', amount: 15, wishTitle: '修水管', hours: 1.5 })).toBe('「修水管」经居民确认，服务 1.5 小时，获得 15 积分');
    expect(describeEntry({ kind: 'reverse', amount: -15, wishTitle: '修水管' })).toBe('「修水管」的服务被撤回，扣回 15 积分');
    expect(describeEntry({ kind: 'redeem', amount: -40, itemName: '食用油' })).toBe('兑换「食用油」，使用 40 积分');
    expect(describeEntry({ kind: 'refund', amount: 40, itemName: '食用油' })).toBe('兑换「食用油」已取消，退回 40 积分');
  });
});
