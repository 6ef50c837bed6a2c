import { call } from '../../../services/api';
import type { ActionInput } from '@shared/actions';
import type { AssignTarget, GridSummary, ListReply, Member, StaffWish, UnitSummary } from './types';

/**
 * The staff screens' calls, typed once. Everything goes through the one transport
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
    call<{ wish: StaffWish }>('dispatch', 'proxyCreate', data, { requestId }),
  escalations: (data: ActionInput<'dispatch', 'escalations'> = {}) =>
    call<ListReply<StaffWish>>('dispatch', 'escalations', data),
  /** Re-read one wish after a conflict, to show what someone else did to it. */
  detail: (wishId: string) => call<{ wish: StaffWish }>('wishes', 'detail', { wishId }),

  members: (data: ActionInput<'org', 'members'> = {}) => call<ListReply<Member>>('org', 'members', data),
  units: () => call<ListReply<UnitSummary>>('org', 'units', {}),
  grids: () => call<ListReply<GridSummary>>('org', 'grids', {}),
};

export { newRequestId } from '../../../services/requestId';
