import type { ActionOutput, BreakdownReply, StatsOverview } from '@shared/actions';
import type { WishView } from '@shared/privacy/view';

/**
 * What staff screens show of a wish: the shared view, plus the grid and community
 * names the screens join in from their own lookups (the replies carry only ids).
 */
export type StaffWish = WishView & { gridName?: string; communityName?: string };

/** stats.overview as the dashboard reads it. */
export type Overview = StatsOverview;

/** One bar of a breakdown: `key` is a category, grid id, or 'YYYY-MM'. */
export type BreakdownRow = BreakdownReply['rows'][number];

/** One bar of a leaderboard, whichever figure (services or hours) it ranks by. */
export interface LeaderRow {
  id: string;
  name: string;
  value: number;
}

/** A code made on this visit. */
export type Invite = ActionOutput<'org', 'invites'>;
