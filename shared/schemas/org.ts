import * as z from 'zod';
import { PartyBranchLevel, UnitKind, UnitLevel } from '../enums/orgLevels';
import { ringProblem } from '../geometry';
import { Address, GeoPoint, Id, Instant, Latitude, Longitude, PersonName, Phone, text } from './primitives';
import { CommunitySettings } from './settings';
import { COMMUNITY_CODE_PATTERN, COMMUNITY_CODE_RULE } from '../wishNumber';

/** A community's short code (shared/wishNumber): what its wish numbers start with. */
export const CommunityCode = z.string().regex(COMMUNITY_CODE_PATTERN, COMMUNITY_CODE_RULE);

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
  /** The short code its wish numbers start with (TY-2026-0123); without one, derived from the id (shared/wishNumber). */
  code: CommunityCode.optional(),
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

/**
 * Where a grid lies, as its corners in order (gcj02 `[lng, lat]`, the ring closes by itself): at least
 * three distinct corners around some area, no edge crossing another. What the grid map draws.
 */
export const GridBoundary = z
  .array(z.tuple([Longitude, Latitude]), { error: '边界应为顶点列表' })
  .min(3, '边界至少需要 3 个顶点')
  .max(64, '边界最多 64 个顶点')
  .superRefine((ring, ctx) => {
    const problem = ringProblem(ring);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
export type GridBoundary = z.infer<typeof GridBoundary>;

/** A grid (网格) and the grid worker (网格员) who looks after it. */
export const Grid = z.strictObject({
  id: Id,
  communityId: Id,
  name: OrgName,
  gridWorkerId: Id.optional(),
  buildingIds: z.array(Id).max(500),
  boundary: GridBoundary.optional(),
});
export type Grid = z.infer<typeof Grid>;

/**
 * 镇党委 / 社区党总支 / 小区党支部 / 楼栋党小组 / 单位党支部: one tree, the level says which (shared/org `branchRefusal`
 * keeps it one). A closed branch (撤销) stays, so the services once counted for it keep their name; it takes no
 * members and no children.
 */
export const PartyBranch = z.strictObject({
  id: Id,
  level: PartyBranchLevel,
  name: OrgName,
  parentId: Id.optional(),
  townId: Id,
  communityId: Id.optional(),
  compoundId: Id.optional(),
  buildingId: Id.optional(),
  /** A 单位党支部: the co-building unit whose branch it is. */
  unitId: Id.optional(),
  secretaryUserId: Id.optional(),
  createdAt: Instant.optional(),
  updatedAt: Instant.optional(),
  closedAt: Instant.optional(),
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
