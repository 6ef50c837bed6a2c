import * as z from 'zod';
import { Category } from '../enums/categories';

/** Per-community rules; every field has a default so a new community works at once. */
const limits = {
  /** A claim is a lease (HOT Tasking Manager style): long enough to arrange a visit. */
  leaseHours: z.number().int().min(1).max(168),
  maxExtensions: z.number().int().min(0).max(10),
  /** Unclaimed this long → the secretary is told; longer → the town. */
  escalateToSecretaryHours: z.number().int().min(1).max(720),
  escalateToTownHours: z.number().int().min(1).max(2160),
  /** An urgent wish nobody has taken is raised in minutes, not hours: to the secretary after this, to the town after twice this. */
  urgentEscalateMinutes: z.number().int().min(5).max(720),
  /** A finished wish the resident never confirms is confirmed after this many days. */
  autoConfirmDays: z.number().int().min(1).max(30),
  /** Posts per resident per day, against spam and mistakes. */
  postsPerDay: z.number().int().min(1).max(100),
  /** Dispatch stops giving a helper more once they hold this many unfinished wishes: they could not act on more. */
  maxOpenTasksPerHelper: z.number().int().min(1).max(50),
  /** 积分 for one confirmed hour of service (爱心超市 points). */
  pointsPerHour: z.number().int().min(0).max(1000),
  /** At most this many points a helper earns in one day (China date of the confirmation); 0 means no cap. */
  pointsDailyCap: z.number().int().min(0).max(100_000),
  /** A category's points count this many times (a 义诊 hour may be worth more than a chat); a category left out counts once. */
  pointsCategoryWeights: z.partialRecord(Category, z.number().min(0).max(10).multipleOf(0.1)),
};

const defaults = {
  leaseHours: 24,
  maxExtensions: 2,
  escalateToSecretaryHours: 24,
  escalateToTownHours: 72,
  urgentEscalateMinutes: 15,
  autoConfirmDays: 3,
  postsPerDay: 5,
  maxOpenTasksPerHelper: 5,
  pointsPerHour: 10,
  pointsDailyCap: 100,
  pointsCategoryWeights: {},
} as const;

const townAfterSecretary = (s: { escalateToSecretaryHours?: number; escalateToTownHours?: number }) =>
  s.escalateToSecretaryHours === undefined ||
  s.escalateToTownHours === undefined ||
  s.escalateToTownHours > s.escalateToSecretaryHours;
const townAfterSecretaryRule = { message: '上报镇街的时限应晚于上报书记的时限', path: ['escalateToTownHours'] };

export const CommunitySettings = z
  .strictObject({
    leaseHours: limits.leaseHours.default(defaults.leaseHours),
    maxExtensions: limits.maxExtensions.default(defaults.maxExtensions),
    escalateToSecretaryHours: limits.escalateToSecretaryHours.default(defaults.escalateToSecretaryHours),
    escalateToTownHours: limits.escalateToTownHours.default(defaults.escalateToTownHours),
    urgentEscalateMinutes: limits.urgentEscalateMinutes.default(defaults.urgentEscalateMinutes),
    autoConfirmDays: limits.autoConfirmDays.default(defaults.autoConfirmDays),
    postsPerDay: limits.postsPerDay.default(defaults.postsPerDay),
    maxOpenTasksPerHelper: limits.maxOpenTasksPerHelper.default(defaults.maxOpenTasksPerHelper),
    pointsPerHour: limits.pointsPerHour.default(defaults.pointsPerHour),
    pointsDailyCap: limits.pointsDailyCap.default(defaults.pointsDailyCap),
    pointsCategoryWeights: limits.pointsCategoryWeights.default(() => ({})),
  })
  .refine(townAfterSecretary, townAfterSecretaryRule);

export type CommunitySettings = z.output<typeof CommunitySettings>;

/** An edit names only what changes; the merged whole must still pass CommunitySettings. */
export const CommunitySettingsPatch = z
  .strictObject({
    leaseHours: limits.leaseHours.optional(),
    maxExtensions: limits.maxExtensions.optional(),
    escalateToSecretaryHours: limits.escalateToSecretaryHours.optional(),
    escalateToTownHours: limits.escalateToTownHours.optional(),
    urgentEscalateMinutes: limits.urgentEscalateMinutes.optional(),
    autoConfirmDays: limits.autoConfirmDays.optional(),
    postsPerDay: limits.postsPerDay.optional(),
    maxOpenTasksPerHelper: limits.maxOpenTasksPerHelper.optional(),
    pointsPerHour: limits.pointsPerHour.optional(),
    pointsDailyCap: limits.pointsDailyCap.optional(),
    pointsCategoryWeights: limits.pointsCategoryWeights.optional(),
  })
  .refine(townAfterSecretary, townAfterSecretaryRule);
export type CommunitySettingsPatch = z.output<typeof CommunitySettingsPatch>;

export const DEFAULT_SETTINGS: CommunitySettings = { ...defaults };

/** Stored settings may predate a field: fill the gaps with defaults. */
export function settingsOf(stored?: Partial<CommunitySettings> | null): CommunitySettings {
  return { ...DEFAULT_SETTINGS, ...(stored ?? {}) };
}
