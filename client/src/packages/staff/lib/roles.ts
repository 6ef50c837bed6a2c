import type { Role } from '@shared/vocab';

/**
 * Which active roles each staff screen is for. The server enforces the same rules;
 * this only spares a person a screen of refusals.
 */
export const ScreenRoles = {
  home: ['secretary', 'grid_worker', 'town_admin'],
  review: ['secretary', 'grid_worker'],
  proxy: ['secretary', 'grid_worker'],
  escalations: ['secretary', 'town_admin'],
  dashboard: ['secretary', 'town_admin'],
  org: ['secretary'],
  stories: ['secretary'],
  report: ['secretary', 'town_admin'],
  store: ['secretary', 'grid_worker'],
  map: ['secretary', 'grid_worker', 'town_admin'],
  activities: ['secretary', 'grid_worker'],
  // The town reads every wish of its communities; taking one back is the community's.
  board: ['secretary', 'grid_worker', 'town_admin'],
  recall: ['secretary', 'grid_worker'],
} as const satisfies Record<string, readonly Role[]>;

export type StaffScreen = keyof typeof ScreenRoles;

export function mayOpen(screen: StaffScreen, role: Role | null | undefined): boolean {
  return !!role && (ScreenRoles[screen] as readonly Role[]).includes(role);
}

/** Only secretaries decide a wish for the whole community; grid workers triage their grid. */
export function mayCancel(role: Role | null | undefined): boolean {
  return role === 'secretary';
}
