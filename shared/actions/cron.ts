import * as z from 'zod';

/**
 * `deactivations`: the repair of a 停用 whose sweep was cut short (its member's work back to the pool), and of dispatches
 * waiting for a unit nobody answers for any more.
 */
export const CronJob = z.enum(['leases', 'escalation', 'autoConfirm', 'deactivations', 'outbox']);
export type CronJobName = z.infer<typeof CronJob>;
/**
 * The timer trigger sends {}; a caller may pick jobs. No clock: time comes from the runtime, so a moved
 * clock is a test hook (`RunningServer.tick(at)`), never something a request can carry (issue 11, L1).
 */
export const TickInput = z.strictObject({
  jobs: z.array(CronJob).min(1).max(CronJob.options.length).optional(),
});

/** Every job, in the order a tick runs them: what the timer runs when it names none. */
export const ALL_JOBS: readonly CronJobName[] = CronJob.options;

export const CronActions = { tick: TickInput } as const;
