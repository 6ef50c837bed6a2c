import type { ActionInput, ActionOutput } from '@shared/actions';
import { call } from './api';
import type { ListReply, WishDetail, WishView } from './types';

type Opts = { requestId?: string };

/** The resident's and helper's calls, typed once so screens read as what they do. */
export const wishesApi = {
  create: (data: ActionInput<'wishes', 'create'>, opts?: Opts) => call<{ wish: WishView }>('wishes', 'create', data, opts),
  resubmit: (data: ActionInput<'wishes', 'resubmit'>, opts?: Opts) => call<{ wish: WishView }>('wishes', 'resubmit', data, opts),
  update: (data: ActionInput<'wishes', 'update'>, opts?: Opts) => call<{ wish: WishView }>('wishes', 'update', data, opts),
  mine: (data: ActionInput<'wishes', 'mine'> = {}) => call<ListReply<WishView>>('wishes', 'mine', data),
  detail: (wishId: string) => call<WishDetail>('wishes', 'detail', { wishId }),
  cancel: (wishId: string, reason?: string) => call<{ wish: WishView }>('wishes', 'cancel', { wishId, ...(reason ? { reason } : {}) }),
  confirm: (wishId: string, opts?: Opts) => call<{ wish: WishView }>('wishes', 'confirm', { wishId }, opts),
  rate: (data: ActionInput<'wishes', 'rate'>, opts?: Opts) => call<{ wish: WishView }>('wishes', 'rate', data, opts),
  similar: (data: ActionInput<'wishes', 'similar'>) => call<ActionOutput<'wishes', 'similar'>>('wishes', 'similar', data),
  wall: (cursor?: string) => call<ListReply<WishView>>('stats', 'wall', cursor ? { cursor } : {}),
};

export const tasksApi = {
  nearby: (data: ActionInput<'tasks', 'nearby'>) => call<ListReply<WishView>>('tasks', 'nearby', data),
  claim: (wishId: string, opts?: Opts & { asUnit?: string }) =>
    call<{ wish: WishView; leaseUntil: string }>('tasks', 'claim', { wishId, ...(opts?.asUnit ? { asUnit: opts.asUnit } : {}) }, opts),
  extend: (wishId: string) => call<{ wish: WishView; leaseUntil: string }>('tasks', 'extend', { wishId }),
  release: (wishId: string, reason?: string) => call<{ wish: WishView }>('tasks', 'release', { wishId, ...(reason ? { reason } : {}) }),
  start: (wishId: string) => call<{ wish: WishView }>('tasks', 'start', { wishId }),
  progress: (data: ActionInput<'tasks', 'progress'>, opts?: Opts) => call<{ wish: WishView }>('tasks', 'progress', data, opts),
  complete: (data: ActionInput<'tasks', 'complete'>, opts?: Opts) => call<{ wish: WishView }>('tasks', 'complete', data, opts),
  mine: (data: ActionInput<'tasks', 'mine'> = {}) => call<ListReply<WishView>>('tasks', 'mine', data),
  accept: (wishId: string) => call<{ wish: WishView }>('tasks', 'accept', { wishId }),
  decline: (wishId: string, reason?: string) => call<{ wish: WishView }>('tasks', 'decline', { wishId, ...(reason ? { reason } : {}) }),
  handover: (wishId: string, toUserId: string) => call<{ wish: WishView }>('tasks', 'handover', { wishId, toUserId }),
};
