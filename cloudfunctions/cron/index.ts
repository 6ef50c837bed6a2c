import { createFunction } from '../_core/routing/router';
import tick from './actions/tick';

/** The timer trigger (config.json: every minute) and the self-hosted interval call `tick`. */
export const main = createFunction('cron', { tick });
