import * as z from 'zod';
import { PartyBranchLevels, UnitLevels, UnitKinds } from '../vocab/orgLevels';

// The lists, labels and guards live in zod-free vocab/orgLevels.ts, so a browser page that only shows them never loads zod.
export * from '../vocab/orgLevels';

export const PartyBranchLevel = z.enum(PartyBranchLevels);
export type PartyBranchLevel = z.infer<typeof PartyBranchLevel>;
export const UnitLevel = z.enum(UnitLevels);
export type UnitLevel = z.infer<typeof UnitLevel>;
export const UnitKind = z.enum(UnitKinds);
export type UnitKind = z.infer<typeof UnitKind>;
