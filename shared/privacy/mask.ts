/** Masking rules of DESIGN.md §7: what others see of a resident's phone, address and name. */

const MOBILE = /^1\d{10}$/;

/** '13812345678' → '138****5678'; landlines keep the area code and the last 4 digits. */
export function maskPhone(phone: string): string {
  const compact = phone.replace(/\s+/g, '');
  if (MOBILE.test(compact)) return `${compact.slice(0, 3)}****${compact.slice(7)}`;
  const dash = compact.indexOf('-');
  const area = dash > 0 && dash <= 4 ? compact.slice(0, dash + 1) : '';
  const rest = compact.slice(area.length).replace(/\D/g, '');
  const keep = rest.length >= 7 ? 4 : Math.min(2, Math.max(0, rest.length - 4));
  return `${area}${'*'.repeat(Math.max(4, rest.length - keep))}${keep > 0 ? rest.slice(-keep) : ''}`;
}

/**
 * Where the building, unit or room starts: any digit with the Latin letters just before it (G5栋, AB12幢: the letter
 * names a block of buildings), or a Chinese number followed by a unit word.
 */
const DETAIL_START = /[A-Za-zＡ-Ｚａ-ｚ]*[0-9０-９]|[一二三四五六七八九十百零〇两]+\s*(?:号楼|栋|幢|楼|单元|室|号|层|户|组)/;
const MAX_KEPT = 16;

/**
 * Keep the street/compound part, hide building, unit and room:
 * '桃源社区幸福小区3栋2单元501室' → '桃源社区幸福小区****'. The result never contains a digit.
 */
export function maskAddress(address: string): string {
  const trimmed = address.trim();
  const match = DETAIL_START.exec(trimmed);
  let kept = match ? trimmed.slice(0, match.index) : trimmed;
  if (kept.length > MAX_KEPT) kept = kept.slice(0, MAX_KEPT);
  kept = kept.replace(/[0-9０-９]/g, '');
  return kept.length < trimmed.length ? `${kept}****` : kept;
}

export const ANONYMOUS_NAME = '匿名居民';

/** '张三' → '张*', '欧阳娜娜' → '欧***'; anonymous residents are 匿名居民. */
export function maskName(name: string, anonymous = false): string {
  if (anonymous) return ANONYMOUS_NAME;
  const chars = Array.from(name.trim());
  if (chars.length === 0) return ANONYMOUS_NAME;
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** About 100 m: enough to sort by distance, not enough to find the door. */
export function coarsenCoordinate(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * Distances shown to viewers not entitled to the exact location (tasks.nearby, wishes.similar) are
 * measured to the coarsened point, never to the home, and shown in steps of this many metres.
 * Measured to the home, even rounded, they give the home away: moving the query point until a
 * rounded distance flips pins the exact distance, and three such circles pin the door.
 */
export const DISTANCE_STEP_M = 100;
/** How far a home can lie from its coarsened point: half the diagonal of a 0.001° cell, rounded up. */
export const COARSENING_SLACK_M = 80;

const EARTH_RADIUS_M = 6_378_100; // what $geoNear's spherical distances use

/** Great-circle distance in metres between two [lng, lat] points. */
export function metresBetween(a: readonly [number, number], b: readonly [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLng = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * From `from` to the coarsened point of `location`: the same for every home of one cell, so no
 * number of queries from any points tells two homes of a cell apart.
 */
export function coarseDistanceM(from: readonly [number, number], location: readonly [number, number]): number {
  return metresBetween(from, [coarsenCoordinate(location[0]), coarsenCoordinate(location[1])]);
}

/** A coarse distance as shown: whole steps, at least one ("within 100 m"). */
export function shownDistanceM(coarseM: number): number {
  return Math.max(DISTANCE_STEP_M, Math.round(coarseM / DISTANCE_STEP_M) * DISTANCE_STEP_M);
}
