import { ActionSchemas } from '@shared/actions';
import { ALL_JOBS } from '@shared/actions/cron';
import { defineAction } from '../../_core/routing/action';
import { runJobs } from '../../_core/timers/jobs';

/**
 * The timer: expire leases, escalate waiting wishes, auto-confirm, finish an interrupted 停用's sweep, send the outbox.
 * Every step is a conditional update, so a repeat or a twin run changes nothing twice.
 */
export default defineAction({
  auth: 'system',
  input: ActionSchemas.cron.tick,
  async run({ input, rt }) {
    return runJobs(rt, input.jobs ?? [...ALL_JOBS]);
  },
});
