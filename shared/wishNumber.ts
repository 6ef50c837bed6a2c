import { chinaWallClock } from './time';

/*
 * 心愿编号: the number people say on the phone, TY-2026-0123 — the community's short code, the China year the wish
 * was posted in, and its place among that community's wishes of that year (at least four digits; the 10 000th is
 * TY-2026-10000, never cut). Everything that shows, stores, parses or validates a number derives from here.
 *
 * Gaps: the sequence is taken with one atomic `$inc` outside the transaction that inserts the wish (a gateway dying
 * inside that transaction must not hold the community's counter), so a creation that rolls back or runs again (a
 * write conflict, a refused hold of hours, a crash before the commit) leaves a gap. A number stays the wish's for
 * life (it is written on paper, said on the phone) and is never reused. A gap is harmless — nobody counts wishes by
 * their numbers (the statistics do that) — and a reused number is not.
 */

/** A community's short code: two to four capital letters (TY for 桃源社区), declared with the community. */
export const COMMUNITY_CODE_PATTERN = /^[A-Z]{2,4}$/;
export const COMMUNITY_CODE_RULE = '社区简码为 2–4 个大写字母，如 TY';

/** The shape of a stored number. */
export const WISH_NUMBER_PATTERN = /^[A-Z]{2,4}-\d{4}-\d{4,}$/;

/** Digits the sequence is padded to: 0123 reads the same on every screen and sorts as text within a year. */
const SEQ_DIGITS = 4;

/** The code used when a community declares none: 'XY' (心愿) when its id yields no two letters. */
export const FALLBACK_COMMUNITY_CODE = 'XY';

/**
 * A code for a community that declares none: the first letters of its id (without a `com-` prefix), as many as
 * the code may hold — com-taoyuan → TAOY. Communities should declare theirs (the seed does); this only keeps a
 * community that forgot from having no numbers at all.
 */
export function derivedCommunityCode(communityId: string): string {
  const letters = communityId.replace(/^com(munity)?[-_]/i, '').replace(/[^A-Za-z]/g, '').toUpperCase().slice(0, 4);
  return letters.length >= 2 ? letters : FALLBACK_COMMUNITY_CODE;
}

/** The community's code: the declared one when it is valid, else the derived one (a bad code must not stop a post). */
export function communityCodeOf(community: { _id?: string; id?: string; code?: string }): string {
  if (community.code && COMMUNITY_CODE_PATTERN.test(community.code)) return community.code;
  return derivedCommunityCode(community._id ?? community.id ?? '');
}

/** The year a wish posted at `at` is numbered in: China's, so a wish posted at 00:30 on 1 January is the new year's. */
export function wishNumberYear(at: Date): number {
  return chinaWallClock(at).getUTCFullYear();
}

/** TY-2026-0123. */
export function formatWishNumber(code: string, year: number, seq: number): string {
  return `${code}-${year}-${String(seq).padStart(SEQ_DIGITS, '0')}`;
}

export interface WishNumberParts { code: string; year: number; seq: number }

/**
 * A number as someone typed or read it out: any case, spaces, full-width or long dashes, the zeros left out
 * (ty 2026 123, TY－2026－0123). null when it is not a number at all.
 */
export function parseWishNumber(text: string): WishNumberParts | null {
  const m = /^([A-Za-z]{2,4})\s*[-－—–_\s]\s*(\d{4})\s*[-－—–_\s]\s*(\d{1,9})$/.exec(text.normalize('NFKC').trim());
  if (!m) return null;
  const seq = Number(m[3]);
  if (seq < 1) return null;
  return { code: m[1].toUpperCase(), year: Number(m[2]), seq };
}

/** The stored form of what was typed (the key a lookup asks for), or null. */
export function normalizeWishNumber(text: string): string | null {
  const p = parseWishNumber(text);
  return p && formatWishNumber(p.code, p.year, p.seq);
}

/** The counter a community's numbers of one year are taken from. */
export function wishCounterId(communityId: string, year: number): string {
  return `${communityId}:${year}`;
}
