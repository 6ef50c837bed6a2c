import { main as cron } from '../cloudfunctions/cron';
import { main as dispatch } from '../cloudfunctions/dispatch';
import { main as notify } from '../cloudfunctions/notify';
import { main as org } from '../cloudfunctions/org';
import { main as stats } from '../cloudfunctions/stats';
import { main as certificates } from '../cloudfunctions/certificates';
import { main as stories } from '../cloudfunctions/stories';
import { main as points } from '../cloudfunctions/points';
import { main as timebank } from '../cloudfunctions/timebank';
import { main as activities } from '../cloudfunctions/activities';
import { main as open311 } from '../cloudfunctions/open311';
import { main as tasks } from '../cloudfunctions/tasks';
import { main as wishes } from '../cloudfunctions/wishes';
import type { CloudFunction } from '../cloudfunctions/_core/routing/router';

/** The same functions WeChat cloud runs, called in-process by the gateway. */
export const FUNCTIONS: Record<string, CloudFunction> = { wishes, tasks, dispatch, org, stats, notify, cron, certificates, stories, points, timebank, activities, open311 };
