import { createFunction } from '../_core/routing/router';
import branches from './actions/branches';
import breakdown from './actions/breakdown';
import dashboard from './actions/dashboard';
import exportWishes from './actions/export';
import leaderboard from './actions/leaderboard';
import overview from './actions/overview';
import report from './actions/report';
import wall from './actions/wall';

/** What the community reports: headline numbers, charts, leaderboards, the party tree's totals, all of these for the dashboard at once, the public wall, the ledger, the monthly report. */
export const main = createFunction('stats', { overview, breakdown, leaderboard, branches, dashboard, wall, export: exportWishes, report });
