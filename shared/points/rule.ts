import type { Category } from '../enums/categories';
import type { CommunitySettings } from '../schemas/settings';
import { chinaWallClock } from '../time';

/** The part of the community's settings that turns service into 积分. */
export type PointsRule = Pick<CommunitySettings, 'pointsPerHour' | 'pointsDailyCap' | 'pointsCategoryWeights'>;

/** What a confirmed service brings: its hours and its category. */
export interface ServiceWorth {
  hours: number;
  /** None (a group activity without one) weighs 1. */
  category?: Category;
}

export interface Earning {
  /** Points to credit (whole points; never negative). */
  points: number;
  /** What the rule alone gives, before the day's cap. */
  uncapped: number;
  /** The day's cap cut this earning short. */
  capped: boolean;
}

/** The China calendar day of an instant, 'YYYY-MM-DD': the day a daily cap counts in. */
export function chinaDay(at: Date): string {
  return chinaWallClock(at).toISOString().slice(0, 10);
}

/** What the rule gives for one service, before any cap: hours × points per hour × the category's weight, rounded to whole points. */
export function pointsOf(service: ServiceWorth, rule: PointsRule): number {
  const weight = (service.category && rule.pointsCategoryWeights[service.category]) ?? 1;
  return Math.max(0, Math.round(service.hours * rule.pointsPerHour * weight));
}

/**
 * A confirmed service's points, given what the helper already earned that day (net of any reversals): the
 * rule's points, cut to what is left under the day's cap (0 = no cap). A cap never takes back what was earned.
 */
export function earningFor(service: ServiceWorth, rule: PointsRule, earnedThatDay: number): Earning {
  const uncapped = pointsOf(service, rule);
  if (rule.pointsDailyCap === 0) return { points: uncapped, uncapped, capped: false };
  const left = Math.max(0, rule.pointsDailyCap - Math.max(0, earnedThatDay));
  const points = Math.min(uncapped, left);
  return { points, uncapped, capped: points < uncapped };
}
