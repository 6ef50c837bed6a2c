import type { ActionInput, ActionOutput, BreakdownReply, StatsOverview } from '@shared/actions';
import type { WishView } from '@shared/privacy/view';

/**
 * What staff screens show of a wish: the shared view, plus the grid and community
 * names the screens join in from their own lookups (the replies carry only ids).
 */
export type StaffWish = WishView & { gridName?: string; communityName?: string };

/**
 * A recent wish nearby of the same category: proxyCreate sends these beside the wish so staff
 * can spot a duplicate. The function returns them, but shared/actions/outputs does not list them yet.
 */
export interface SimilarWish {
  id: string;
  title: string;
  status: string;
  createdAt?: string;
}

export type ProxyCreateReply = ActionOutput<'dispatch', 'proxyCreate'> & { similar?: SimilarWish[] };

/**
 * stats.overview as the dashboard reads it: the shared reply, plus the in-flight counts the
 * function also reports (not in shared/actions/outputs yet), shown only when present.
 */
export type Overview = StatsOverview & Partial<Record<'pendingReview' | 'open' | 'inProgress' | 'helpers', number>>;

/** One bar of a breakdown: `key` is a category, grid id, or 'YYYY-MM'. */
export type BreakdownRow = BreakdownReply['rows'][number];

/** One bar of a leaderboard, whichever figure (services or hours) it ranks by. */
export interface LeaderRow {
  id: string;
  name: string;
  value: number;
}

/** A code made on this visit: the reply, with the role and use limit it was made for. */
export type Invite = ActionOutput<'org', 'invites'> & Required<Pick<ActionInput<'org', 'invites'>, 'role' | 'maxUses'>>;
