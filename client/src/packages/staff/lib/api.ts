import { call } from '../../../services/api';
import type { ActionInput } from '@shared/actions';
import type { GeoPoint } from '@shared/schemas';
import type { AssignTarget, GridSummary, Invite, ListReply, Member, PartyBranchSummary, SimilarWish, StaffWish, UnitSummary } from './types';

/**
 * The dispatch calls, typed once. Everything goes through the one transport
 * (services/api), which rejects with AppError.
 */
export const staffApi = {
  queue: (data: ActionInput<'dispatch', 'queue'> = {}) => call<ListReply<StaffWish>>('dispatch', 'queue', data),
  approve: (wishId: string, opts: { assignTo?: AssignTarget; priority?: ActionInput<'dispatch', 'approve'>['priority'] }, requestId?: string) =>
    call<{ wish?: StaffWish }>('dispatch', 'approve', { wishId, ...opts }, { requestId }),
  reject: (wishId: string, reason: string, requestId?: string) =>
    call<{ wish?: StaffWish }>('dispatch', 'reject', { wishId, reason }, { requestId }),
  cancel: (wishId: string, reason: string, requestId?: string) =>
    call<{ wish?: StaffWish }>('dispatch', 'cancel', { wishId, reason }, { requestId }),
  assign: (wishId: string, assignTo: AssignTarget, requestId?: string) =>
    call<{ wish?: StaffWish }>('dispatch', 'assign', { wishId, assignTo }, { requestId }),
  proxyCreate: (data: ActionInput<'dispatch', 'proxyCreate'>, requestId?: string) =>
    call<{ wish: StaffWish; similar?: SimilarWish[] }>('dispatch', 'proxyCreate', data, { requestId }),
  escalations: (data: ActionInput<'dispatch', 'escalations'> = {}) =>
    call<ListReply<StaffWish>>('dispatch', 'escalations', data),
  /** Re-read one wish after a conflict, to show what someone else did to it. */
  detail: (wishId: string) => call<{ wish: StaffWish }>('wishes', 'detail', { wishId }),
};

/** The community's structure and people: read by the pickers, edited on the org screen. */
export const orgApi = {
  community: () => call<Record<string, unknown>>('org', 'community', {}),
  buildings: () => call<ListReply<{ id: string; name: string; compoundId?: string; gridId?: string; location?: GeoPoint }>>('org', 'buildings', {}),
  compounds: () => call<ListReply<{ id: string; name: string; location?: GeoPoint }>>('org', 'compounds', {}),
  grids: () => call<ListReply<GridSummary>>('org', 'grids', {}),
  partyBranches: () => call<ListReply<PartyBranchSummary>>('org', 'partyBranches', {}),
  units: () => call<ListReply<UnitSummary>>('org', 'units', {}),
  members: (data: ActionInput<'org', 'members'> = {}) => call<ListReply<Member>>('org', 'members', data),
  saveCompound: (data: ActionInput<'org', 'saveCompound'>) => call<unknown>('org', 'saveCompound', data),
  saveBuilding: (data: ActionInput<'org', 'saveBuilding'>) => call<unknown>('org', 'saveBuilding', data),
  saveGrid: (data: ActionInput<'org', 'saveGrid'>) => call<unknown>('org', 'saveGrid', data),
  saveUnit: (data: ActionInput<'org', 'saveUnit'>) => call<unknown>('org', 'saveUnit', data),
  setRoles: (data: ActionInput<'org', 'roles'>) => call<{ member: Member }>('org', 'roles', data),
  createInvite: (data: ActionInput<'org', 'invites'>) => call<Invite>('org', 'invites', data),
};
