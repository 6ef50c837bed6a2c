/** Roles are held per community (a person may be a resident here and a volunteer there). */
export const Roles = [
  'resident',
  'volunteer',
  'party_member',
  'unit_admin',
  'grid_worker',
  'secretary',
  'town_admin',
] as const;

export type Role = (typeof Roles)[number];

export const RoleLabels: Record<Role, string> = {
  resident: '居民',
  volunteer: '志愿者',
  party_member: '党员',
  unit_admin: '单位管理员',
  grid_worker: '网格员',
  secretary: '社区书记/工作人员',
  town_admin: '镇/街道',
};

/** Staff run the community's dispatch; grid workers only within their grid (see lifecycle). */
export const StaffRoles = ['secretary', 'grid_worker'] as const satisfies readonly Role[];

/** Anyone who may claim open wishes of a community (unit members claim via their unit role). */
export const HelperRoles = ['volunteer', 'party_member', 'unit_admin'] as const satisfies readonly Role[];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (Roles as readonly string[]).includes(value);
}
