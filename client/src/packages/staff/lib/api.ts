import { call } from '../../../services/api';
import type { ActionInput, ActionOutput, Page } from '@shared/actions';
import type { AssignTarget } from '@shared/schemas';
import type { StaffWish } from './types';

type Decided = { wish?: StaffWish };

/**
 * The dispatch calls, typed once. Everything goes through the one transport
 * (services/api), which rejects with AppError.
 */
export const staffApi = {
  queue: (data: ActionInput<'dispatch', 'queue'> = {}) => call<Page<StaffWish>>('dispatch', 'queue', data),
  approve: (wishId: string, opts: { assignTo?: AssignTarget; priority?: ActionInput<'dispatch', 'approve'>['priority'] }, requestId?: string) =>
    call<Decided>('dispatch', 'approve', { wishId, ...opts }, { requestId }),
  reject: (wishId: string, reason: string, requestId?: string) => call<Decided>('dispatch', 'reject', { wishId, reason }, { requestId }),
  cancel: (wishId: string, reason: string, requestId?: string) => call<Decided>('dispatch', 'cancel', { wishId, reason }, { requestId }),
  assign: (wishId: string, assignTo: AssignTarget, requestId?: string) => call<Decided>('dispatch', 'assign', { wishId, assignTo }, { requestId }),
  proxyCreate: (data: ActionInput<'dispatch', 'proxyCreate'>, requestId?: string) => call<ActionOutput<'dispatch', 'proxyCreate'>>('dispatch', 'proxyCreate', data, { requestId }),
  escalations: (data: ActionInput<'dispatch', 'escalations'> = {}) => call<Page<StaffWish>>('dispatch', 'escalations', data),
  /** Re-read one wish after a conflict, to show what someone else did to it. */
  detail: (wishId: string) => call<{ wish: StaffWish }>('wishes', 'detail', { wishId }),
};

/** The community's structure and people: read by the pickers, edited on the org screen. */
export const orgApi = {
  community: () => call<ActionOutput<'org', 'community'>>('org', 'community', {}),
  buildings: () => call<ActionOutput<'org', 'buildings'>>('org', 'buildings', {}),
  compounds: () => call<ActionOutput<'org', 'compounds'>>('org', 'compounds', {}),
  grids: () => call<ActionOutput<'org', 'grids'>>('org', 'grids', {}),
  partyBranches: () => call<ActionOutput<'org', 'partyBranches'>>('org', 'partyBranches', {}),
  units: () => call<ActionOutput<'org', 'units'>>('org', 'units', {}),
  members: (data: ActionInput<'org', 'members'> = {}) => call<ActionOutput<'org', 'members'>>('org', 'members', data),
  saveCompound: (data: ActionInput<'org', 'saveCompound'>) => call<unknown>('org', 'saveCompound', data),
  saveBuilding: (data: ActionInput<'org', 'saveBuilding'>) => call<unknown>('org', 'saveBuilding', data),
  saveGrid: (data: ActionInput<'org', 'saveGrid'>) => call<unknown>('org', 'saveGrid', data),
  saveUnit: (data: ActionInput<'org', 'saveUnit'>) => call<unknown>('org', 'saveUnit', data),
  setRoles: (data: ActionInput<'org', 'roles'>) => call<ActionOutput<'org', 'roles'>>('org', 'roles', data),
  createInvite: (data: ActionInput<'org', 'invites'>) => call<ActionOutput<'org', 'invites'>>('org', 'invites', data),
};
