import * as z from 'zod';
import { PartyBranchLevel, UnitKind, UnitLevel } from '../enums/orgLevels';
import { Address, GeoPoint, Id, Instant, PersonName, Phone, text } from './primitives';
import { CommunitySettings } from './settings';

/** Town (镇/街道) → community (社区) → compound (小区) → building (楼栋). */
export const OrgName = text(40);

export const Town = z.strictObject({
  id: Id,
  name: OrgName,
  createdAt: Instant.optional(),
});
export type Town = z.infer<typeof Town>;

export const Community = z.strictObject({
  id: Id,
  townId: Id,
  name: OrgName,
  address: Address.optional(),
  location: GeoPoint.optional(),
  settings: CommunitySettings,
  createdAt: Instant.optional(),
});
export type Community = z.infer<typeof Community>;

export const Compound = z.strictObject({
  id: Id,
  communityId: Id,
  name: OrgName,
  location: GeoPoint.optional(),
});
export type Compound = z.infer<typeof Compound>;

export const Building = z.strictObject({
  id: Id,
  communityId: Id,
  compoundId: Id,
  name: OrgName,
  gridId: Id.optional(),
  location: GeoPoint.optional(),
});
export type Building = z.infer<typeof Building>;

/** A grid (网格) and the grid worker (网格员) who looks after it. */
export const Grid = z.strictObject({
  id: Id,
  communityId: Id,
  name: OrgName,
  gridWorkerId: Id.optional(),
  buildingIds: z.array(Id).max(500),
});
export type Grid = z.infer<typeof Grid>;

/** 镇党委 / 社区党总支 / 小区党支部 / 楼栋党小组: one tree, the level says which. */
export const PartyBranch = z.strictObject({
  id: Id,
  level: PartyBranchLevel,
  name: OrgName,
  parentId: Id.optional(),
  townId: Id,
  communityId: Id.optional(),
  compoundId: Id.optional(),
  buildingId: Id.optional(),
  secretaryUserId: Id.optional(),
});
export type PartyBranch = z.infer<typeof PartyBranch>;

/** 共驻共建单位: claims wishes as a unit and hands them to its members. */
export const Unit = z.strictObject({
  id: Id,
  communityId: Id,
  name: OrgName,
  kind: UnitKind,
  /** Absent: 'community'. A town- or county-level unit also takes the town's 督办 dispatches for its other communities. */
  level: UnitLevel.optional(),
  contactName: PersonName.optional(),
  contactPhone: Phone.optional(),
  createdAt: Instant.optional(),
});
export type Unit = z.infer<typeof Unit>;
