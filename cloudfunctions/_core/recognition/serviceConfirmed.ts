import { settingsOf, type Category, type PointsRule } from '@shared';
import { earnPoints, reversePoints } from '../points/earn';
import { depositHours, reverseHours } from '../timebank/deposit';
import { loadCommunity } from '../store/loadCommunity';
import type { Runtime } from '../runtime/types';

/**
 * One service that now counts: a wish's service record once the resident (or the timer) confirmed it, or a group
 * activity's attendance at check-out. `id` names it for good: every entry it causes is derived from it, so
 * crediting it again (a retried confirm, a timer run twice, a second check-out) credits nothing more.
 */
export interface ConfirmedService {
  id: string;
  /** Where it was done: its rule gives the points, its town keeps the hours. */
  communityId: string;
  userId: string;
  hours: number;
  /** Weighs the points (a category weight of the rule); none weighs 1. */
  category?: Category;
  wishId?: string;
  activityId?: string;
  /** The wish's or activity's title, for the helper's history. */
  title?: string;
}

/**
 * "A service was confirmed": the one hook that credits it, points by the community's rule and hours into the
 * helper's time account of the town, both in one transaction per service (the outer one when there is one).
 * Wishes call it inside the transaction of the confirmation itself (wishes/apply `writeStep`), so the wish and the
 * credit commit together; group activities on check-out. Every entry is keyed by the service (`earn:<id>`,
 * `deposit:<id>`): run again, it credits nothing more. `rule`: the community's, when the caller has it.
 */
export async function onServiceConfirmed(rt: Runtime, services: readonly ConfirmedService[], at: Date, rule?: PointsRule): Promise<void> {
  for (const s of services) {
    const community = await loadCommunity(rt, s.communityId);
    const r = rule ?? settingsOf(community.settings);
    await rt.repos.inTransaction(async (repos) => {
      await earnPoints(repos, s, r, at);
      await depositHours(repos, community.townId, s, at);
    });
  }
}

/** A wish's services were withdrawn (a dispute): what they earned, points and hours, is taken back by entries of its own. */
export async function onServicesWithdrawn(rt: Runtime, wishId: string, at: Date): Promise<void> {
  await rt.repos.inTransaction(async (repos) => {
    await reversePoints(repos, wishId, at);
    await reverseHours(repos, wishId, at);
  });
}
