import * as z from 'zod';
import { MapStates } from '../vocab/mapStates';

export * from '../vocab/mapStates';

export const MapState = z.enum(MapStates);
export type MapState = z.infer<typeof MapState>;
