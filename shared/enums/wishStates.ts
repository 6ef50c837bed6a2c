import * as z from 'zod';
import { WishStates } from '../vocab/wishStates';

// The lists, labels and guards live in zod-free vocab/wishStates.ts, so a browser page that only shows them never loads zod.
export * from '../vocab/wishStates';

export const WishState = z.enum(WishStates);
export type WishState = z.infer<typeof WishState>;
