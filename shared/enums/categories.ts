import * as z from 'zod';
import { Categories } from '../vocab/categories';

// The lists, labels and guards live in zod-free vocab/categories.ts, so a browser page that only shows them never loads zod.
export * from '../vocab/categories';

export const Category = z.enum(Categories);
export type Category = z.infer<typeof Category>;
