import * as z from 'zod';
import { Priorities } from '../vocab/priorities';

// The lists, labels and guards live in zod-free vocab/priorities.ts, so a browser page that only shows them never loads zod.
export * from '../vocab/priorities';

export const Priority = z.enum(Priorities);
export type Priority = z.infer<typeof Priority>;
