import type { ActionInput, ActionReply } from '@shared/actions';
import { call } from './api';

type Opts = { requestId?: string };

/** A wish as this viewer may see it (masked for non-owners), as it arrives: times are ISO strings. */
export type WishView = ActionReply<'wishes', 'detail'>['wish'];
/** `wishes.detail`: the wish, its timeline, the buttons this viewer may press (`actions`) and names (`people`). */
export type WishDetail = ActionReply<'wishes', 'detail'>;
/** A live claim on a wish. */
export type ClaimView = WishView['claims'][number];
/** One row of the task hall (tasks.nearby): contact masked, distance coarse. */
export type NearbyItem = ActionReply<'tasks', 'nearby'>['items'][number];
/** One card of the public wall. */
export type WallItem = ActionReply<'stats', 'wall'>['items'][number];

const withReason = (wishId: string, reason?: string) => ({ wishId, ...(reason ? { reason } : {}) });

/** The resident's and helper's calls, named so screens read as what they do. */
export const wishesApi = {
  create: (data: ActionInput<'wishes', 'create'>, opts?: Opts) => call('wishes', 'create', data, opts),
  resubmit: (data: ActionInput<'wishes', 'resubmit'>, opts?: Opts) => call('wishes', 'resubmit', data, opts),
  update: (data: ActionInput<'wishes', 'update'>, opts?: Opts) => call('wishes', 'update', data, opts),
  mine: (data: ActionInput<'wishes', 'mine'> = {}) => call('wishes', 'mine', data),
  detail: (wishId: string) => call('wishes', 'detail', { wishId }),
  cancel: (wishId: string, reason?: string) => call('wishes', 'cancel', withReason(wishId, reason)),
  confirm: (wishId: string, opts?: Opts) => call('wishes', 'confirm', { wishId }, opts),
  dispute: (wishId: string, reason: string, opts?: Opts) => call('wishes', 'dispute', { wishId, reason }, opts),
  nudge: (wishId: string, opts?: Opts) => call('wishes', 'nudge', { wishId }, opts),
  rate: (data: ActionInput<'wishes', 'rate'>, opts?: Opts) => call('wishes', 'rate', data, opts),
  similar: (data: ActionInput<'wishes', 'similar'>) => call('wishes', 'similar', data),
  /** The caller's community's wall, or the one named (a shared story's visitor may be signed in nowhere). */
  wall: (cursor?: string, communityId?: string) => call('stats', 'wall', { ...(cursor ? { cursor } : {}), ...(communityId ? { communityId } : {}) }),
};

export const tasksApi = {
  nearby: (data: ActionInput<'tasks', 'nearby'>) => call('tasks', 'nearby', data),
  claim: (wishId: string, opts?: Opts & { asUnit?: string }) =>
    call('tasks', 'claim', { wishId, ...(opts?.asUnit ? { asUnit: opts.asUnit } : {}) }, opts?.requestId ? { requestId: opts.requestId } : undefined),
  extend: (wishId: string) => call('tasks', 'extend', { wishId }),
  release: (wishId: string, reason?: string) => call('tasks', 'release', withReason(wishId, reason)),
  start: (wishId: string) => call('tasks', 'start', { wishId }),
  progress: (data: ActionInput<'tasks', 'progress'>, opts?: Opts) => call('tasks', 'progress', data, opts),
  complete: (data: ActionInput<'tasks', 'complete'>, opts?: Opts) => call('tasks', 'complete', data, opts),
  mine: (data: ActionInput<'tasks', 'mine'> = {}) => call('tasks', 'mine', data),
  accept: (wishId: string) => call('tasks', 'accept', { wishId }),
  decline: (wishId: string, reason?: string) => call('tasks', 'decline', withReason(wishId, reason)),
  handover: (wishId: string, toUserId: string) => call('tasks', 'handover', { wishId, toUserId }),
};
