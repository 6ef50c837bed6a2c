import type { AssignTarget, Wish } from '@shared/schemas';
import type { Role } from '@shared/enums';

/**
 * What staff screens read of a wish. Replies may carry display names the server
 * joined in (grid, owner); everything beyond the core is optional so a leaner
 * reply still renders.
 */
export type StaffWish = Pick<Wish, 'id' | 'category' | 'title' | 'status' | 'createdAt'> &
  Partial<
    Pick<
      Wish,
      | 'description'
      | 'channel'
      | 'priority'
      | 'gridId'
      | 'address'
      | 'contactPhone'
      | 'beneficiary'
      | 'openedAt'
      | 'escalation'
      | 'helpersNeeded'
      | 'communityId'
    >
  > & {
    gridName?: string;
    ownerName?: string;
    communityName?: string;
  };

/** A recent wish nearby of the same category: proxyCreate returns these so staff can spot a duplicate. */
export interface SimilarWish {
  id: string;
  title: string;
  status: string;
  createdAt?: string;
}

export interface ListReply<T> {
  items: T[];
  nextCursor?: string | null;
}

export interface Member {
  id: string;
  name: string;
  phone?: string;
  roles: Role[];
  unitId?: string;
  gridIds?: string[];
  partyBranchId?: string;
}

export interface UnitSummary {
  id: string;
  name: string;
  kind?: string;
  contactName?: string;
  contactPhone?: string;
}

export interface GridSummary {
  id: string;
  name: string;
  gridWorkerId?: string;
  gridWorkerName?: string;
  buildingIds?: string[];
}

export type { AssignTarget };

/** stats.overview: the headline numbers (DESIGN.md §5), more may come. */
export interface Overview {
  collected: number;
  approved: number;
  claimed: number;
  completed: number;
  confirmed: number;
  serviceCount: number;
  avgRating: number | null;
  [more: string]: unknown;
}

/** One bar of a breakdown: `key` is a category, grid id, or 'YYYY-MM'. */
export interface BreakdownRow {
  key: string;
  label: string;
  count: number;
}

export interface LeaderRow {
  id: string;
  name: string;
  value: number;
}

export interface PartyBranchSummary {
  id: string;
  name: string;
  level: 'town' | 'community' | 'compound' | 'building';
  parentId?: string;
}

/** org.invites replies with the code to read out or share; there is no list of past codes yet. */
export interface Invite {
  code: string;
  role: Role;
  expiresAt: string;
  maxUses: number;
}
