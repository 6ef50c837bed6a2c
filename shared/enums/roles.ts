import * as z from 'zod';
import { Roles } from '../vocab/roles';

// The lists, labels and guards live in zod-free vocab/roles.ts, so a browser page that only shows them never loads zod.
export * from '../vocab/roles';

export const Role = z.enum(Roles);
export type Role = z.infer<typeof Role>;
