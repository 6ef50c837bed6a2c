import type { WishRule } from './audience';
import type { OrgRule } from './org';

/**
 * The privacy policy as data: for every reply type, the fields whose visibility
 * depends on who asks, the rule that decides it (audience.ts `WishRules`, org.ts
 * `OrgRules`), and what everyone else gets. The builders apply it (`viewOf` reads
 * `WishViewFields` field by field); the privacy matrix test checks every reply type
 * × every viewer against an expectation table of its own.
 *
 * - `exact`: the stored value;
 * - `masked`: masked (phones `138****5678`, addresses without building and room,
 *   positions to ~100 m, distances to the coarsened point in 100 m steps, names `李**`,
 *   or 匿名居民 for an anonymous owner);
 * - `absent`: the field (or, for `row`, the whole item) is left out.
 */
export type Shown = 'exact' | 'masked' | 'absent';

export interface FieldPolicy<R extends string = WishRule | OrgRule> {
  /** Who sees it exactly. */
  rule: R;
  /** What everyone else sees. */
  otherwise: Shown;
  /** What everyone else sees when the owner chose anonymity (default: `otherwise`). */
  anonymous?: Shown;
}

/** A wish (`WishView`): every reply that carries a whole wish. */
export const WishViewFields = {
  contactPhone: { rule: 'contact', otherwise: 'masked' },
  address: { rule: 'contact', otherwise: 'masked' },
  location: { rule: 'contact', otherwise: 'masked' },
  /**
   * Where the building and grid stand is public (org.buildings, org.grids): naming the wish's
   * building or a small grid would give its position back to the door, past the coarsening.
   */
  buildingId: { rule: 'contact', otherwise: 'absent' },
  gridId: { rule: 'contact', otherwise: 'absent' },
  'beneficiary.phone': { rule: 'contact', otherwise: 'masked' },
  'beneficiary.name': { rule: 'identity', otherwise: 'masked' },
  'beneficiary.userId': { rule: 'identity', otherwise: 'absent' },
  ownerName: { rule: 'identity', otherwise: 'masked', anonymous: 'absent' },
  ownerId: { rule: 'identity', otherwise: 'exact', anonymous: 'absent' },
  createdBy: { rule: 'identity', otherwise: 'exact', anonymous: 'absent' },
  'rating.by': { rule: 'identity', otherwise: 'exact', anonymous: 'absent' },
  /**
   * What the resident showed and said (photos of their home, their voice): the people the wish is for, staff of its
   * community, and the helper while holding the work, as the exact address. Everyone else gets nothing of them: not a
   * volunteer deciding in the pool, not the town, never the wall, Open311 or the hall (those builders never copy them).
   */
  photos: { rule: 'contact', otherwise: 'absent' },
  voice: { rule: 'contact', otherwise: 'absent' },
} as const satisfies Record<string, FieldPolicy<WishRule>>;

export type WishViewField = keyof typeof WishViewFields;

export interface ReplyPolicy {
  /** The one function of shared/privacy that builds this reply type. */
  builder: string;
  /** The actions (`fn.action`) whose replies carry it. */
  replies: readonly string[];
  /** Who may have it at all (a wish not readable is "not found"). */
  read?: string;
  fields: Readonly<Record<string, FieldPolicy>>;
}

export const ReplyPolicies = {
  wishView: {
    builder: 'viewOf',
    replies: [
      'wishes.create', 'wishes.update', 'wishes.cancel', 'wishes.mine', 'wishes.confirm', 'wishes.dispute', 'wishes.rate', 'wishes.resubmit',
      'tasks.claim', 'tasks.extend', 'tasks.release', 'tasks.start', 'tasks.progress', 'tasks.complete', 'tasks.mine',
      'tasks.accept', 'tasks.decline', 'tasks.handover',
      'dispatch.queue', 'dispatch.approve', 'dispatch.reject', 'dispatch.assign', 'dispatch.proxyCreate', 'dispatch.escalations', 'dispatch.cancel',
      'dispatch.lookup', 'dispatch.board', 'dispatch.recall',
    ],
    fields: WishViewFields,
  },
  wishDetail: {
    builder: 'wishDetailOf',
    replies: ['wishes.detail'],
    read: 'canRead',
    fields: {
      ...WishViewFields,
      /** The owner's name in `people`. */
      'people[owner]': { rule: 'identity', otherwise: 'masked', anonymous: 'absent' },
      /** The owner's user id on their own steps of the timeline (匿名居民's steps otherwise). */
      'events.actor[owner]': { rule: 'identity', otherwise: 'exact', anonymous: 'absent' },
      /** The phone of each helper holding a place (`phones`, by user id), for a call button. */
      'phones[helper]': { rule: 'helper_contact', otherwise: 'absent' },
    },
  },
  nearbyItem: {
    builder: 'nearbyItemOf',
    replies: ['tasks.nearby'],
    fields: {
      contactPhone: { rule: 'nobody', otherwise: 'masked' },
      address: { rule: 'nobody', otherwise: 'masked' },
      /** To the coarsened point, in 100 m steps (mask.ts `coarseDistanceM`, `shownDistanceM`). */
      distanceM: { rule: 'nobody', otherwise: 'masked' },
    },
  },
  similarItem: {
    builder: 'similarItemOf',
    replies: ['wishes.similar', 'dispatch.proxyCreate'],
    fields: { row: { rule: 'listed', otherwise: 'absent' }, distanceM: { rule: 'nobody', otherwise: 'masked' } },
  },
  wallItem: {
    builder: 'wallItemOf',
    replies: ['stats.wall'],
    fields: {
      row: { rule: 'public', otherwise: 'absent' },
      residentName: { rule: 'nobody', otherwise: 'masked' },
      /** Each helper's name, as `helperName` shows it to the public. */
      helpers: { rule: 'helper_name', otherwise: 'masked' },
    },
  },
  /** A 微故事: on the wall and behind a shared link only once published; the resident masked for everyone, even on their own story's page (it shows what the public will read). */
  storyCard: {
    builder: 'storyCardOf',
    replies: ['stats.wall', 'stories.detail', 'stories.ofWish', 'stories.draft', 'stories.consent', 'stories.publish', 'stories.unpublish', 'stories.list'],
    fields: {
      row: { rule: 'public', otherwise: 'absent' },
      residentName: { rule: 'nobody', otherwise: 'masked' },
      /** Each helper, as `helperName` shows them to this reader. */
      helpers: { rule: 'helper_name', otherwise: 'masked' },
    },
  },
  /**
   * A request of the Open311 endpoint (docs/open311.md): a wish the `public` rule lets anyone see, its address and
   * position as the wish policy gives them to the public (the same declarations, not a copy), never its free text.
   */
  open311Request: {
    builder: 'open311RequestOf',
    replies: ['open311.requests', 'open311.request'],
    fields: {
      row: { rule: 'public', otherwise: 'absent' },
      address: WishViewFields.address,
      location: WishViewFields.location,
      /** What the resident wrote: the title stands in for it, as on the wall. */
      description: { rule: 'nobody', otherwise: 'absent' },
      /** What the resident showed and said: never in open data. */
      photos: { rule: 'nobody', otherwise: 'absent' },
      voice: { rule: 'nobody', otherwise: 'absent' },
    },
  },
  helperName: {
    builder: 'helperNameOf',
    replies: ['stats.wall', 'stats.leaderboard', 'stats.dashboard', 'stories.detail', 'stories.ofWish', 'stories.list'],
    fields: { name: { rule: 'helper_name', otherwise: 'masked' } },
  },
  memberEntry: {
    builder: 'memberEntryOf',
    replies: ['org.members', 'org.roles'],
    fields: { 'user.phone': { rule: 'member_contact', otherwise: 'masked' } },
  },
  unitEntry: {
    builder: 'unitEntryOf',
    replies: ['org.units', 'dispatch.townUnits'],
    fields: { contactPhone: { rule: 'unit_contact', otherwise: 'masked' } },
  },
  callList: {
    builder: 'callListOf',
    replies: ['dispatch.callList'],
    /** Asked of one wish: whoever may not read it is told it does not exist. */
    read: 'canRead',
    fields: {
      'helpers.phone': { rule: 'call_contact', otherwise: 'absent' },
      'gridWorker.phone': { rule: 'call_contact', otherwise: 'absent' },
      'unit.contactPhone': { rule: 'call_contact', otherwise: 'absent' },
    },
  },
  /** A dot of the grid map (网格地图): staff see where exactly and in which grid; the town, where to ~100 m. */
  mapPoint: {
    builder: 'mapPointOf',
    replies: ['dispatch.map'],
    read: 'canRead',
    fields: {
      location: { rule: 'contact', otherwise: 'masked' },
      gridId: { rule: 'contact', otherwise: 'absent' },
    },
  },
  /** Who is on duty now (org.onDuty): staff phone them, so the phones follow the call list's rule. */
  onDuty: {
    builder: 'onDutyOf',
    replies: ['org.onDuty'],
    fields: { 'items.phone': { rule: 'call_contact', otherwise: 'absent' } },
  },
  /** A 志愿服务证明 checked by its serial (public): real or not, and whose only as far as 张*. */
  certificateCheck: {
    builder: 'verifiedCertificateOf',
    replies: ['certificates.verify'],
    fields: { holderName: { rule: 'nobody', otherwise: 'masked' } },
  },
  familyLink: {
    builder: 'familyLinkOf',
    replies: ['timebank.mine', 'timebank.askFamily', 'timebank.answerFamily', 'timebank.removeFamily'],
    fields: { 'other.name': { rule: 'family_name', otherwise: 'masked' } },
  },
  redemption: {
    builder: 'redemptionOf',
    replies: ['points.mine', 'points.redeem', 'points.cancel', 'points.fulfil', 'points.lookup'],
    fields: { holderName: { rule: 'desk_staff', otherwise: 'absent' } },
  },
  joinRequest: {
    builder: 'joinRequestEntryOf',
    replies: ['org.requestJoin', 'org.joinRequests', 'org.decideJoin'],
    fields: { phone: { rule: 'applicant_contact', otherwise: 'masked' } },
  },
} as const satisfies Record<string, ReplyPolicy>;

export type ReplyType = keyof typeof ReplyPolicies;
