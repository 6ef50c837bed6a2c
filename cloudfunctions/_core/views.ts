import type { Relation } from '@shared';
import type { ClaimDoc, WishDoc, WishEventDoc } from './types';

/** 138****5678; landlines keep the area code. */
export function maskPhone(phone?: string): string | undefined {
  if (!phone) return phone;
  if (/^1\d{10}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`;
  return phone.replace(/\d(?=\d{2})/g, (d, i: number) => (i < 4 ? d : '*'));
}

/** Keeps the community/compound words, hides building, unit and door numbers. */
export function maskAddress(address?: string): string | undefined {
  if (!address) return address;
  return address.replace(/[0-9０-９]+/g, (m) => '*'.repeat(Math.min(m.length, 3)));
}

/** Phone and exact address only for the resident, the current claimer or assignee, and community staff (DESIGN.md §7). */
export function seesContact(rel: Set<Relation>): boolean {
  return rel.has('owner') || rel.has('staff') || rel.has('grid_staff') || rel.has('claimer') || rel.has('assignee') || rel.has('unit_admin_of_claiming_unit');
}

function claimView(c: ClaimDoc) {
  return { ...c };
}

export function wishView(wish: WishDoc, rel: Set<Relation>) {
  const { _id, events: _events, ...rest } = wish;
  const full = seesContact(rel);
  return {
    ...rest,
    id: _id,
    claims: wish.claims.map(claimView),
    contactPhone: full ? wish.contactPhone : maskPhone(wish.contactPhone),
    address: full ? wish.address : maskAddress(wish.address),
    beneficiary: wish.beneficiary && {
      ...wish.beneficiary,
      phone: full ? wish.beneficiary.phone : maskPhone(wish.beneficiary.phone),
    },
    phoneMasked: !full,
  };
}
export type WishView = ReturnType<typeof wishView>;

export function eventView(e: WishEventDoc) {
  return e;
}
