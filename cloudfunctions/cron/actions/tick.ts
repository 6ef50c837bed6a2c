import { AppError } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { runJobs } from '../../_core/timers/jobs';

/**
 * The timer: expire leases, escalate waiting wishes, auto-confirm, send the outbox.
 * Every step is a conditional update, so a repeat or a twin run changes nothing twice.
 */
export default defineAction({
  auth: 'system',
  input: ActionSchemas.cron.tick,
  async run({ input, rt }) {
    if (input.now && rt.config.mode !== 'local') throw new AppError('FORBIDDEN', '只有本地模式可以指定时间');
    const pinned = input.now ? new Date(input.now) : undefined;
    const clock = pinned ? { ...rt, now: () => pinned } : rt;
    return runJobs(clock, input.jobs ?? ['leases', 'escalation', 'autoConfirm', 'outbox']);
  },
});
