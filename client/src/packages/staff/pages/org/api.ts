import type { ActionInput } from '@shared/actions';
import { call } from '../../../../services/api';

/** The org screen's membership calls: invite codes, join requests, community settings. */
export const membershipApi = {
  invites: (data: ActionInput<'org', 'listInvites'> = {}) => call('org', 'listInvites', data),
  revokeInvite: (code: string) => call('org', 'revokeInvite', { code }),
  joinRequests: (data: ActionInput<'org', 'joinRequests'> = {}) => call('org', 'joinRequests', data),
  decideJoin: (data: ActionInput<'org', 'decideJoin'>, requestId?: string) => call('org', 'decideJoin', data, { requestId }),
  community: () => call('org', 'community', {}),
  updateSettings: (settings: ActionInput<'org', 'updateSettings'>['settings']) => call('org', 'updateSettings', { settings }),
};
