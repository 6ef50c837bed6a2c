import * as z from 'zod';
import { IsoDateTime } from '../schemas/primitives';

export const CronJob = z.enum(['leases', 'escalation', 'autoConfirm', 'outbox']);
/** The timer trigger sends {}; tests and the local server may pin the clock or pick jobs. */
export const TickInput = z.strictObject({
  now: IsoDateTime.optional(),
  jobs: z.array(CronJob).min(1).max(4).optional(),
});

export const CronActions = { tick: TickInput } as const;
