import type { ActionInput, InviteSummary, JoinRequestView, Page } from '@shared/actions';
import type { CommunitySettings } from '@shared/schemas';
import { call } from '../../../../services/api';

/** The org screen's membership calls: invite codes, join requests, community settings. */
export const membershipApi = {
  invites: (data: ActionInput<'org', 'listInvites'> = {}) => call<Page<InviteSummary>>('org', 'listInvites', data),
  revokeInvite: (code: string) => call<{ invite: InviteSummary }>('org', 'revokeInvite', { code }),
  joinRequests: (data: ActionInput<'org', 'joinRequests'> = {}) => call<Page<JoinRequestView>>('org', 'joinRequests', data),
  decideJoin: (data: ActionInput<'org', 'decideJoin'>, requestId?: string) =>
    call<{ request: JoinRequestView }>('org', 'decideJoin', data, { requestId }),
  community: () => call<{ community: { id: string; name: string; settings: CommunitySettings } | null }>('org', 'community', {}),
  updateSettings: (settings: ActionInput<'org', 'updateSettings'>['settings']) =>
    call<{ community: { settings: CommunitySettings } }>('org', 'updateSettings', { settings }),
};
