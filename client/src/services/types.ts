import type { Category } from '@shared/enums/categories';
import type { WishState } from '@shared/enums/wishStates';
import type { GeoPoint } from '@shared/schemas/primitives';
import type { TimelineEvent } from '../components/Timeline';

/** A wish as the client receives it (JSON: times are ISO strings; masked fields for non-owners). */
export interface WishView {
  id: string;
  category: Category;
  title: string;
  description: string;
  status: WishState;
  location?: GeoPoint;
  address?: string;
  buildingId?: string;
  contactPhone?: string;
  preferredTime?: { from: string; to: string };
  helpersNeeded: number;
  anonymous?: boolean;
  ownerId?: string;
  ownerName?: string;
  claims?: {
    claimerId: string;
    kind: 'user' | 'unit';
    unitId?: string;
    assigneeId: string;
    leaseUntil: string;
    claimerName?: string;
    assigneeName?: string;
  }[];
  assignment?: { target: { kind: 'user' | 'unit'; id: string }; by: string; at: string };
  rejectReason?: string;
  rating?: { stars: number; comment?: string };
  /** The helper's report on finishing; photos are cloud fileIDs or our server's `/files/…` paths. */
  completion?: { note: string; photos?: string[]; hours?: number; at: string };
  distanceM?: number;
  createdAt: string;
  updatedAt?: string;
}

export interface ListReply<T> {
  items: T[];
  nextCursor?: string | null;
}

export interface WishDetail {
  wish: WishView;
  events: TimelineEvent[];
}
