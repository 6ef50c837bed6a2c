import * as z from 'zod';
import { WishActions } from '../vocab/wishActions';

// The lists, labels and guards live in zod-free vocab/wishActions.ts, so a browser page that only shows them never loads zod.
export * from '../vocab/wishActions';

export const WishAction = z.enum(WishActions);
export type WishAction = z.infer<typeof WishAction>;
