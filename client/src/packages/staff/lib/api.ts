import { call } from '../../../services/api';
import type { ActionInput, ActionReply } from '@shared/actions';
import type { AssignTarget } from '@shared/schemas';

/**
 * A wish as staff triage it: the queue's reply, plus the grid and community names the
 * screens join in from their own lookups (the replies carry only ids).
 */
export type StaffWish = ActionReply<'dispatch', 'queue'>['items'][number] & { gridName?: string; communityName?: string };

/** One row of 全部心愿 as the client receives it (dispatch.board). */
export type BoardRowReply = ActionReply<'dispatch', 'board'>['items'][number];

/**
 * The dispatch calls, named once. Everything goes through the one transport
 * (services/api), typed by the action's schema and reply, which rejects with AppError.
 */
export const staffApi = {
  queue: (data: ActionInput<'dispatch', 'queue'> = {}) => call('dispatch', 'queue', data),
  approve: (wishId: string, opts: { assignTo?: AssignTarget; priority?: ActionInput<'dispatch', 'approve'>['priority'] }, requestId?: string) =>
    call('dispatch', 'approve', { wishId, ...opts }, { requestId }),
  reject: (wishId: string, reason: string, requestId?: string) => call('dispatch', 'reject', { wishId, reason }, { requestId }),
  cancel: (wishId: string, reason: string, requestId?: string) => call('dispatch', 'cancel', { wishId, reason }, { requestId }),
  assign: (wishId: string, assignTo: AssignTarget, requestId?: string) => call('dispatch', 'assign', { wishId, assignTo }, { requestId }),
  proxyCreate: (data: ActionInput<'dispatch', 'proxyCreate'>, requestId?: string) => call('dispatch', 'proxyCreate', data, { requestId }),
  escalations: (data: ActionInput<'dispatch', 'escalations'> = {}) => call('dispatch', 'escalations', data),
  /** 网格地图: grids with their outlines, and the wishes in play as dots. */
  map: (data: ActionInput<'dispatch', 'map'> = {}) => call('dispatch', 'map', data),
  /** 收回: take back a claim or dispatch nobody started, with a reason; with `assignTo`, straight to someone else. */
  recall: (wishId: string, reason: string, assignTo: AssignTarget | undefined, requestId?: string) =>
    call('dispatch', 'recall', { wishId, reason, ...(assignTo ? { assignTo } : {}) }, { requestId }),
  /** 全部心愿: one state's page, newest first, with the count of every state. */
  board: (data: ActionInput<'dispatch', 'board'> = {}) => call('dispatch', 'board', data),
  /** Whom a wish can be dispatched to, with load, distance and why some can't take it now. */
  candidates: (wishId: string) => call('dispatch', 'candidates', { wishId }),
  /** 心愿编号: the wish a resident reads out on the phone (TY-2026-0123, however it was typed). */
  lookup: (number: string) => call('dispatch', 'lookup', { number }),
  /** Re-read one wish after a conflict: how it stands now, and which buttons (`actions`) are still ours. */
  detail: (wishId: string) => call('wishes', 'detail', { wishId }),
};

/** The community's structure and people: read by the pickers, edited on the org screen. */
export const orgApi = {
  community: () => call('org', 'community', {}),
  buildings: () => call('org', 'buildings', {}),
  compounds: () => call('org', 'compounds', {}),
  grids: () => call('org', 'grids', {}),
  partyBranches: () => call('org', 'partyBranches', {}),
  units: () => call('org', 'units', {}),
  members: (data: ActionInput<'org', 'members'> = {}) => call('org', 'members', data),
  saveCompound: (data: ActionInput<'org', 'saveCompound'>) => call('org', 'saveCompound', data),
  saveBuilding: (data: ActionInput<'org', 'saveBuilding'>) => call('org', 'saveBuilding', data),
  saveGrid: (data: ActionInput<'org', 'saveGrid'>) => call('org', 'saveGrid', data),
  saveUnit: (data: ActionInput<'org', 'saveUnit'>) => call('org', 'saveUnit', data),
  saveBranch: (data: ActionInput<'org', 'saveBranch'>) => call('org', 'saveBranch', data),
  closeBranch: (data: ActionInput<'org', 'closeBranch'>) => call('org', 'closeBranch', data),
  setRoles: (data: ActionInput<'org', 'roles'>) => call('org', 'roles', data),
  /** 停用 / 恢复 a member of the community (the secretary), with a key so a retried tap changes nothing twice. */
  deactivate: (data: ActionInput<'org', 'deactivate'>, requestId?: string) => call('org', 'deactivate', data, { requestId }),
  reactivate: (data: ActionInput<'org', 'reactivate'>, requestId?: string) => call('org', 'reactivate', data, { requestId }),
  createInvite: (data: ActionInput<'org', 'invites'>) => call('org', 'invites', data),
};
