import { createFunction } from '../_core/routing/router';
import breakdown from './actions/breakdown';
import exportWishes from './actions/export';
import leaderboard from './actions/leaderboard';
import overview from './actions/overview';
import wall from './actions/wall';

/** What the community reports: headline numbers, charts, leaderboards, the public wall, the ledger. */
export const main = createFunction('stats', { overview, breakdown, leaderboard, wall, export: exportWishes });
