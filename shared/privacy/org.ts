import type { CallList, FamilyLinkView, Member, OnDutyHelper, RedemptionView } from '../actions/outputs';
import type { Role } from '../enums/roles';
import type { Unit } from '../schemas/org';
import type { Viewer } from './audience';
import { maskName, maskPhone } from './mask';

/**
 * Who sees the phones of the organisation's records in full (DESIGN.md §7). The
 * viewer is the caller as they are in the record's community (`actorOf`), so a
 * secretary of another community is no secretary here.
 */

function holds(viewer: Viewer, communityId: string, roles: readonly Role[]): boolean {
  return viewer.kind === 'user' && viewer.communityId === communityId && roles.some((r) => viewer.roles.includes(r));
}

const isSelf = (viewer: Viewer, userId: string) => viewer.kind === 'user' && viewer.userId === userId;

/** The roles that run the 爱心超市 desk (the shelf itself is the secretary's). */
export const DESK_ROLES = ['secretary', 'grid_worker'] as const satisfies readonly Role[];

/** What the helper-name rule needs of a helper: their choice, and where they serve. */
export interface HelperFacts {
  userId: string;
  name: string;
  showFullName?: boolean;
  communityId?: string;
  townId?: string;
}

export const OrgRules = {
  /** A member's phone: the member, the community's staff (secretary, grid worker), and the admin of the member's unit. */
  member_contact: (viewer: Viewer, subject: { userId: string; communityId: string; unitId?: string }) =>
    isSelf(viewer, subject.userId) ||
    holds(viewer, subject.communityId, ['secretary', 'grid_worker']) ||
    (subject.unitId !== undefined && viewer.kind === 'user' && viewer.unitId === subject.unitId && holds(viewer, subject.communityId, ['unit_admin'])),
  /**
   * The phones on a wish's call list (the helpers near it, its grid worker, its unit's contact): staff of
   * the wish's community, who dispatch it and must be able to ring someone while the system waits.
   */
  call_contact: (viewer: Viewer, wish: { communityId: string }) => holds(viewer, wish.communityId, ['secretary', 'grid_worker']),
  /** Who runs the 爱心超市 desk of the community (hands items over against a code): its secretary and grid workers. */
  desk_staff: (viewer: Viewer, redemption: { communityId: string }) => holds(viewer, redemption.communityId, DESK_ROLES),
  /**
   * The other person of a family link (时间银行): the one who asked knows only the phone they typed until the other
   * accepts, so a number typed in never tells whose it is; the one asked sees who asks.
   */
  family_name: (viewer: Viewer, link: { fromId: string; status: string }) => link.status === 'accepted' || !isSelf(viewer, link.fromId),
  /** A co-building unit's contact phone: the community's secretary. */
  unit_contact: (viewer: Viewer, unit: { communityId: string }) => holds(viewer, unit.communityId, ['secretary']),
  /** The phone on a request to join: the person asking and the secretary of the community asked. */
  applicant_contact: (viewer: Viewer, request: { userId: string; communityId: string }) =>
    isSelf(viewer, request.userId) || holds(viewer, request.communityId, ['secretary']),
  /**
   * A helper's name where people other than those they serve read it (the public wall, the
   * leaderboard): in full when the helper chose so (`showFullName`), to themself, and to the staff
   * who dispatch them (their community's secretary and grid workers, the town above).
   */
  helper_name: (viewer: Viewer, helper: HelperFacts) =>
    helper.showFullName === true ||
    isSelf(viewer, helper.userId) ||
    (helper.communityId !== undefined && holds(viewer, helper.communityId, ['secretary', 'grid_worker'])) ||
    (viewer.kind === 'user' && helper.townId !== undefined && viewer.townId === helper.townId && viewer.roles.includes('town_admin')),
} as const;

export type OrgRule = keyof typeof OrgRules;

/** One entry of org.members / org.roles. */
export function memberEntryOf(member: Member, communityId: string, viewer: Viewer): Member {
  const phone = member.user.phone;
  if (phone === undefined || OrgRules.member_contact(viewer, { userId: member.user.id, communityId, unitId: member.unitId })) return member;
  return { ...member, user: { ...member.user, phone: maskPhone(phone) } };
}

/** One entry of org.units. */
export function unitEntryOf<T extends Pick<Unit, 'communityId' | 'contactPhone'>>(unit: T, viewer: Viewer): T {
  if (unit.contactPhone === undefined || OrgRules.unit_contact(viewer, unit)) return unit;
  return { ...unit, contactPhone: maskPhone(unit.contactPhone) };
}

/** dispatch.callList: every phone on it only for those `call_contact` lets ring them; nobody else gets the numbers. */
export function callListOf(list: CallList, wish: { communityId: string }, viewer: Viewer): CallList {
  if (OrgRules.call_contact(viewer, wish)) return list;
  const { contactPhone: _unitPhone, ...unit } = list.unit ?? { id: '', name: '' };
  return {
    ...list,
    helpers: list.helpers.map(({ phone: _phone, ...h }) => h),
    gridWorker: list.gridWorker ? (({ phone: _phone, ...g }) => g)(list.gridWorker) : null,
    unit: list.unit ? unit : null,
  };
}

/** One request to join (org.requestJoin, org.joinRequests, org.decideJoin). */
export function joinRequestEntryOf<T extends { userId: string; communityId: string; phone?: string }>(request: T, viewer: Viewer): T {
  if (request.phone === undefined || OrgRules.applicant_contact(viewer, request)) return request;
  return { ...request, phone: maskPhone(request.phone) };
}

/** A helper's name on the wall or the leaderboard; 志愿者 when nobody is known. */
export function helperNameOf(helper: HelperFacts | undefined, viewer: Viewer): string {
  if (!helper) return '志愿者';
  return OrgRules.helper_name(viewer, helper) ? helper.name : maskName(helper.name);
}

/**
 * org.onDuty: the helpers on duty now, each phone only for those `call_contact` lets ring them (the call list of an
 * urgent wish starts here, so it is the same rule); anyone else who may read the list reads names and hours.
 */
export function onDutyOf(items: readonly OnDutyHelper[], communityId: string, viewer: Viewer): OnDutyHelper[] {
  if (OrgRules.call_contact(viewer, { communityId })) return [...items];
  return items.map(({ phone: _phone, ...h }) => h);
}

/** certificates.verify: anyone holding the serial checks a certificate is real; whose it is, only as far as 张*. */
export function verifiedCertificateOf<T extends { holderName: string }>(certificate: T): T {
  return { ...certificate, holderName: maskName(certificate.holderName) };
}

/** A family link (timebank) as `viewer` sees it: the other's name as `family_name` allows. */
export function familyLinkOf(link: FamilyLinkView, facts: { fromId: string; status: string }, viewer: Viewer): FamilyLinkView {
  if (OrgRules.family_name(viewer, facts)) return link;
  return { ...link, other: { ...link.other, name: maskName(link.other.name) } };
}

/** A 爱心超市 redemption: the holder's name for the desk that hands the item over, not in anyone else's reply. */
export function redemptionOf(r: RedemptionView & { communityId: string }, viewer: Viewer): RedemptionView {
  const { communityId, holderName, ...rest } = r;
  return holderName !== undefined && OrgRules.desk_staff(viewer, { communityId }) ? { ...rest, holderName } : rest;
}
