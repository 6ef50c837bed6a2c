import { z } from 'zod';

/** Per-community rules; every field has a default so a new community works at once. */
export const CommunitySettings = z
  .strictObject({
    /** A claim is a lease (HOT Tasking Manager style): long enough to arrange a visit. */
    leaseHours: z.number().int().min(1).max(168).default(24),
    maxExtensions: z.number().int().min(0).max(10).default(2),
    /** Unclaimed this long → the secretary is told; longer → the town. */
    escalateToSecretaryHours: z.number().int().min(1).max(720).default(24),
    escalateToTownHours: z.number().int().min(1).max(2160).default(72),
    /** A finished wish the resident never confirms is confirmed after this many days. */
    autoConfirmDays: z.number().int().min(1).max(30).default(3),
    /** Posts per resident per day, against spam and mistakes. */
    postsPerDay: z.number().int().min(1).max(100).default(5),
  })
  .refine((s) => s.escalateToTownHours > s.escalateToSecretaryHours, {
    message: '上报镇街的时限应晚于上报书记的时限',
    path: ['escalateToTownHours'],
  });

export type CommunitySettings = z.output<typeof CommunitySettings>;
export type CommunitySettingsInput = z.input<typeof CommunitySettings>;

export const DEFAULT_SETTINGS: CommunitySettings = CommunitySettings.parse({});

/** Stored settings may predate a field: fill the gaps with defaults. */
export function settingsOf(stored?: Partial<CommunitySettings> | null): CommunitySettings {
  return { ...DEFAULT_SETTINGS, ...(stored ?? {}) };
}
