import * as z from 'zod';
import { Channels } from '../vocab/channels';

// The lists, labels and guards live in zod-free vocab/channels.ts, so a browser page that only shows them never loads zod.
export * from '../vocab/channels';

export const Channel = z.enum(Channels);
export type Channel = z.infer<typeof Channel>;
