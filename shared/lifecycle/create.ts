import type * as z from 'zod';
import type { CreateWishInput } from '../actions/wishes';
import type { Channel } from '../enums/channels';
import type { Role } from '../enums/roles';
import { DEFAULT_PRIORITY, type Priority } from '../enums/priorities';
import type { Wish } from '../schemas/wish';
import type { WishEventDraft } from './decide';
import type { Actor } from './relations';

export interface NewWishFacts {
  id: string;
  /** 心愿编号, taken from the community's counter in the transaction of the insert (shared/wishNumber). */
  number?: string;
  communityId: string;
  townId?: string;
  /** The resident the wish is for, and their name as lists show it. */
  ownerId: string;
  ownerName?: string;
  /** Who typed it in: the owner, or staff for a proxy entry. */
  createdBy: string;
  channel?: Channel;
  priority?: Priority;
  gridId?: string;
  beneficiary?: Wish['beneficiary'];
  now: Date;
}

/** A new wish waiting for review, from parsed create (or proxyCreate) input. */
export function createWish(input: z.output<typeof CreateWishInput>, facts: NewWishFacts): Wish {
  const wish: Wish = {
    ...definedOnly(input),
    id: facts.id,
    communityId: facts.communityId,
    channel: facts.channel ?? 'miniprogram',
    priority: facts.priority ?? DEFAULT_PRIORITY,
    status: 'pending_review',
    ownerId: facts.ownerId,
    createdBy: facts.createdBy,
    claims: [],
    submittedAt: facts.now,
    createdAt: facts.now,
    updatedAt: facts.now,
  };
  if (facts.number !== undefined) wish.number = facts.number;
  if (facts.townId !== undefined) wish.townId = facts.townId;
  if (facts.gridId !== undefined) wish.gridId = facts.gridId;
  if (facts.ownerName !== undefined) wish.ownerName = facts.ownerName;
  if (facts.beneficiary !== undefined) wish.beneficiary = definedOnly(facts.beneficiary);
  return wish;
}

/** Absent, not undefined: a stored undefined would come back as null. */
function definedOnly<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;
}

/** The first line of every timeline: who entered it, in which role, through which channel. */
export function creationEvent(wish: Wish, actor: Actor, now: Date, role?: Role): WishEventDraft {
  const event: WishEventDraft = {
    wishId: wish.id,
    communityId: wish.communityId,
    action: 'create',
    actor: actor.kind === 'system' ? { kind: 'system' } : { kind: 'user', userId: actor.userId, ...(role ? { role } : {}) },
    from: null,
    to: wish.status,
    at: now,
    meta: { channel: wish.channel },
  };
  return event;
}
