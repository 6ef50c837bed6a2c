/**
 * The party organisation tree of the 白河县 seed: 镇党委 → 社区党总支 → 小区党支部 → 楼栋党小组, and beside them the
 * branch of a co-building unit (单位党支部), where an in-service party member (在职党员) belongs before reporting
 * to the community they live in (双报到). A unit's branch sits under the town committee or a community's 党总支.
 */
export const PartyBranchLevels = ['town', 'community', 'compound', 'building', 'unit'] as const;

export type PartyBranchLevel = (typeof PartyBranchLevels)[number];

export const PartyBranchLevelLabels: Record<PartyBranchLevel, string> = {
  town: '镇党委',
  community: '社区党总支',
  compound: '小区党支部',
  building: '楼栋党小组',
  unit: '单位党支部',
};

/** The level a branch of each level hangs under (none for the town's committee, the root). */
export const BranchParentLevels: Record<PartyBranchLevel, readonly PartyBranchLevel[]> = {
  town: [],
  community: ['town'],
  compound: ['community'],
  building: ['compound'],
  unit: ['town', 'community'],
};

/**
 * Whom a co-building unit serves: the community it pairs with, or (a 镇卫生院, a 县妇幼保健院) every community of the
 * town, which is what lets the town's 督办 dispatch to it wherever a wish is waiting.
 */
export const UnitLevels = ['community', 'town', 'county'] as const;
export type UnitLevel = (typeof UnitLevels)[number];
export const UnitLevelLabels: Record<UnitLevel, string> = { community: '社区共建单位', town: '镇级共建单位', county: '县级共建单位' };

/** Kinds of co-building unit (共驻共建单位); 三方联动 puts the committees and the property company here too. */
export const UnitKinds = [
  'government',
  'enterprise',
  'public_institution',
  'social_org',
  'residents_committee',
  'owners_committee',
  'property_company',
  'volunteer_team',
  'other',
] as const;

export type UnitKind = (typeof UnitKinds)[number];

export const UnitKindLabels: Record<UnitKind, string> = {
  government: '机关单位',
  enterprise: '企业',
  public_institution: '事业单位',
  social_org: '社会组织',
  residents_committee: '居委会',
  owners_committee: '业委会',
  property_company: '物业公司',
  volunteer_team: '志愿服务队',
  other: '其他',
};
