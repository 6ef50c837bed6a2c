import * as z from 'zod';
import { Role } from '../enums/roles';
import { UnitKind } from '../enums/orgLevels';
import { GeoPoint, Id, PageInput, PersonName, Phone, SearchText } from '../schemas/primitives';
import { OrgName } from '../schemas/org';
import { CommunitySettingsPatch } from '../schemas/settings';

const Empty = z.strictObject({});

export const CommunityInput = z.strictObject({ communityId: Id.optional() });
/** Settings edits name only what changes; the stored whole is re-checked (see CommunitySettings). */
export const UpdateSettingsInput = z.strictObject({ settings: CommunitySettingsPatch });
export const SaveGridInput = z.strictObject({
  id: Id.optional(),
  name: OrgName,
  gridWorkerId: Id.nullable().optional(),
  buildingIds: z.array(Id).max(500).optional(),
});
export const BuildingsInput = z.strictObject({ compoundId: Id.optional() });
export const SaveCompoundInput = z.strictObject({ id: Id.optional(), name: OrgName, location: GeoPoint.optional() });
export const SaveBuildingInput = z.strictObject({
  id: Id.optional(),
  compoundId: Id,
  name: OrgName,
  gridId: Id.nullable().optional(),
  location: GeoPoint.optional(),
});
export const SaveUnitInput = z.strictObject({
  id: Id.optional(),
  name: OrgName,
  kind: UnitKind,
  contactName: PersonName.optional(),
  contactPhone: Phone.optional(),
});
export const MembersInput = z.strictObject({
  role: Role.optional(),
  unitId: Id.optional(),
  gridId: Id.optional(),
  q: SearchText.optional(),
  ...PageInput,
});
/** Set a member's roles in the caller's community (town_admin is granted by the town, not here). */
export const SetRolesInput = z.strictObject({
  userId: Id,
  roles: z.array(Role.exclude(['town_admin'])).min(1).max(6),
  gridIds: z.array(Id).max(50).optional(),
  unitId: Id.nullable().optional(),
  partyBranchId: Id.nullable().optional(),
  buildingId: Id.nullable().optional(),
});
export const CreateInviteInput = z.strictObject({
  role: Role.exclude(['town_admin', 'secretary']),
  unitId: Id.optional(),
  gridId: Id.optional(),
  expiresInHours: z.number().int().min(1).max(720).default(72),
  maxUses: z.number().int().min(1).max(500).default(1),
});
export const InviteCode = z.string().trim().regex(/^[A-Za-z0-9]{6,16}$/, '邀请码格式不正确');
export const AcceptInviteInput = z.strictObject({ code: InviteCode, name: PersonName.optional(), phone: Phone.optional() });

export const OrgActions = {
  community: CommunityInput,
  updateSettings: UpdateSettingsInput,
  grids: Empty,
  saveGrid: SaveGridInput,
  compounds: Empty,
  saveCompound: SaveCompoundInput,
  buildings: BuildingsInput,
  saveBuilding: SaveBuildingInput,
  units: Empty,
  saveUnit: SaveUnitInput,
  partyBranches: Empty,
  members: MembersInput,
  roles: SetRolesInput,
  invites: CreateInviteInput,
  acceptInvite: AcceptInviteInput,
} as const;
