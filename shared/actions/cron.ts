import * as z from 'zod';

export const CronJob = z.enum(['leases', 'escalation', 'autoConfirm', 'outbox']);
export type CronJobName = z.infer<typeof CronJob>;
/**
 * The timer trigger sends {}; a caller may pick jobs. No clock: time comes from the runtime, so a moved
 * clock is a test hook (`RunningServer.tick(at)`), never something a request can carry (issue 11, L1).
 */
export const TickInput = z.strictObject({
  jobs: z.array(CronJob).min(1).max(4).optional(),
});

export const CronActions = { tick: TickInput } as const;
