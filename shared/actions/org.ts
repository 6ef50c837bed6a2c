import * as z from 'zod';
import { Role } from '../enums/roles';
import { PartyBranchLevel, UnitKind, UnitLevel } from '../enums/orgLevels';
import { GeoPoint, Id, Note, PageInput, PersonName, Phone, Reason, SearchText } from '../schemas/primitives';
import { InviteState, JoinRequestStatus, JoinRole } from '../schemas/membership';
import { GridBoundary, OrgName } from '../schemas/org';
import { CommunitySettingsPatch } from '../schemas/settings';
import { DutyRoster } from '../schemas/duty';

const Empty = z.strictObject({});

/** Who am I: the caller, their roles and memberships (WeChat cloud has no /api/auth/me). */
export const MeInput = Empty;

export const CommunityInput = z.strictObject({ communityId: Id.optional() });
/** My own choices: whether the wall and the leaderboard name me in full (default: masked). */
export const UpdateMeInput = z.strictObject({ showFullName: z.boolean({ error: '请选择是否显示全名' }) });
/** Settings edits name only what changes; the stored whole is re-checked (see CommunitySettings). */
export const UpdateSettingsInput = z.strictObject({ settings: CommunitySettingsPatch });
export const SaveGridInput = z.strictObject({
  id: Id.optional(),
  name: OrgName,
  gridWorkerId: Id.nullable().optional(),
  buildingIds: z.array(Id).max(500).optional(),
  /** The grid's outline on the map; null removes it. */
  boundary: GridBoundary.nullable().optional(),
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
  level: UnitLevel.optional(),
  contactName: PersonName.optional(),
  contactPhone: Phone.optional(),
});
/**
 * A party branch: without `id` a new one (its level and the branch above it); with `id` a new name, a new branch
 * above it, or both. The tree's rules are shared/org `branchRefusal`. Town committees are not made here.
 */
export const SaveBranchInput = z
  .strictObject({
    id: Id.optional(),
    name: OrgName.optional(),
    level: PartyBranchLevel.exclude(['town'], { error: '镇党委不在此新建' }).optional(),
    parentId: Id.optional(),
    /** A town admin making a 社区党总支 names its community; a secretary's branches are always their own community's. */
    communityId: Id.optional(),
    /** A 单位党支部: the co-building unit whose branch it is. */
    unitId: Id.optional(),
  })
  .refine((d) => d.id !== undefined || (d.name !== undefined && d.level !== undefined && d.parentId !== undefined), {
    message: '新建党组织须填写名称、层级和上级党组织',
    path: ['name'],
  })
  .refine((d) => d.id === undefined || d.name !== undefined || d.parentId !== undefined, { message: '请填写新名称或新的上级党组织', path: ['name'] })
  .refine((d) => d.id === undefined || (d.level === undefined && d.communityId === undefined && d.unitId === undefined), {
    message: '已有党组织的层级、社区和单位不能修改',
    path: ['level'],
  })
  .refine((d) => d.level !== 'unit' || d.unitId !== undefined, { message: '单位党支部须选择所属单位', path: ['unitId'] });
/** Act in another community the person belongs to (lives in one, serves in another): roles and lists follow it. */
export const ActInInput = z.strictObject({ communityId: Id });
/** 报到: a party member reports to the community, naming the branch where they live (their 楼栋党小组 or 党支部). */
export const ReportToCommunityInput = z.strictObject({ partyBranchId: Id });
/** 撤销 a branch: refused while branches hang under it; its members go to `moveMembersTo` (or it must have none). */
export const CloseBranchInput = z.strictObject({ id: Id, moveMembersTo: Id.optional() });
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
/** 停用 a member in the secretary's community, saying why (kept on the membership); 恢复 restores them. */
export const DeactivateMemberInput = z.strictObject({ userId: Id, reason: Reason });
export const ReactivateMemberInput = z.strictObject({ userId: Id, reason: Reason.optional() });
export const CreateInviteInput = z.strictObject({
  role: Role.exclude(['town_admin', 'secretary']),
  unitId: Id.optional(),
  gridId: Id.optional(),
  expiresInHours: z.number().int().min(1).max(720).default(72),
  maxUses: z.number().int().min(1).max(500).default(1),
});
export const InviteCode = z.string().trim().regex(/^[A-Za-z0-9]{6,16}$/, '邀请码格式不正确');
export const AcceptInviteInput = z.strictObject({ code: InviteCode, name: PersonName.optional(), phone: Phone.optional() });

/** The codes of my community (the secretary sees all, others those they made); a town admin names the community. */
export const ListInvitesInput = z.strictObject({ state: InviteState.optional(), communityId: Id.optional(), ...PageInput });
export const RevokeInviteInput = z.strictObject({ code: InviteCode });

const joinRoles = z
  .array(JoinRole)
  .min(1, '请至少选择一个身份')
  .max(3)
  .refine((roles) => new Set(roles).size === roles.length, '身份不能重复');

/** Ask to join: the community is named by id (picked from a list) or by any of its live invite codes. */
export const RequestJoinInput = z
  .strictObject({
    communityId: Id.optional(),
    inviteCode: InviteCode.optional(),
    name: PersonName,
    phone: Phone.optional(),
    note: Note.optional(),
    roles: joinRoles.default(['resident']),
  })
  .refine((d) => (d.communityId === undefined) !== (d.inviteCode === undefined), {
    message: '请选择社区或填写邀请码（二选一）',
    path: ['communityId'],
  });
export const JoinRequestsInput = z.strictObject({ status: JoinRequestStatus.optional(), communityId: Id.optional(), ...PageInput });
/** Approve with the roles to grant (default: those asked for), or reject saying why. */
export const DecideJoinInput = z
  .strictObject({
    requestId: Id,
    approve: z.boolean({ error: '请选择通过或拒绝' }),
    roles: joinRoles.optional(),
    reason: Reason.optional(),
  })
  .refine((d) => d.approve || d.reason !== undefined, { message: '拒绝时请填写原因', path: ['reason'] });

export const OrgActions = {
  me: MeInput,
  actIn: ActInInput,
  updateMe: UpdateMeInput,
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
  saveBranch: SaveBranchInput,
  closeBranch: CloseBranchInput,
  report: ReportToCommunityInput,
  members: MembersInput,
  roles: SetRolesInput,
  deactivate: DeactivateMemberInput,
  reactivate: ReactivateMemberInput,
  invites: CreateInviteInput,
  acceptInvite: AcceptInviteInput,
  listInvites: ListInvitesInput,
  revokeInvite: RevokeInviteInput,
  requestJoin: RequestJoinInput,
  joinRequests: JoinRequestsInput,
  decideJoin: DecideJoinInput,
  myDuty: Empty,
  setDuty: DutyRoster,
  onDuty: Empty,
} as const;
