// Spherical geometry in MongoDB's conventions: [lng, lat], meters on a sphere of radius 6378.1 km.
export const EARTH_RADIUS_M = 6378100;
export type LngLat = [number, number];

const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in radians. */
export function angularDistance(a: LngLat, b: LngLat): number {
  return angularDistanceCos(a, cosLat(a), b, cosLat(b));
}

export const cosLat = (p: LngLat): number => Math.cos(rad(p[1]));

/** The same distance with each point's cos(latitude) given: a nearby search computes each once. */
export function angularDistanceCos(a: LngLat, cosA: number, b: LngLat, cosB: number): number {
  const dLat = rad(b[1] - a[1]);
  const dLng = rad(b[0] - a[0]);
  const h = Math.sin(dLat / 2) ** 2 + cosA * cosB * Math.sin(dLng / 2) ** 2;
  return 2 * Math.asin(Math.min(1, Math.sqrt(h)));
}

function isNum(v: any): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** A point from GeoJSON `{type:'Point'}`, a legacy `[x, y]` pair or a legacy `{x, y}` object. */
export function toPoint(v: any): LngLat | null {
  if (v === null || typeof v !== 'object') return null;
  if (Array.isArray(v)) return v.length >= 2 && isNum(v[0]) && isNum(v[1]) ? [v[0], v[1]] : null;
  if (v.type === 'Point' && Array.isArray(v.coordinates)) return toPoint(v.coordinates);
  if (v.type === undefined) {
    const vals = Object.values(v);
    return vals.length >= 2 && isNum(vals[0]) && isNum(vals[1]) ? [vals[0], vals[1]] : null;
  }
  return null;
}

/** All vertices of a GeoJSON geometry (or a legacy point); empty if not a geometry. */
export function geometryPoints(v: any): LngLat[] {
  const p = toPoint(v);
  if (p) return [p];
  if (!v || typeof v !== 'object' || typeof v.type !== 'string') return [];
  const out: LngLat[] = [];
  const collect = (c: any) => {
    if (Array.isArray(c) && c.length >= 2 && isNum(c[0]) && isNum(c[1])) out.push([c[0], c[1]]);
    else if (Array.isArray(c)) c.forEach(collect);
  };
  if (v.type === 'GeometryCollection') (v.geometries ?? []).forEach((g: any) => out.push(...geometryPoints(g)));
  else collect(v.coordinates);
  return out;
}

/** Ray casting on [lng, lat]; adequate for the neighbourhood-sized polygons this server is for. */
function pointInRing(p: LngLat, ring: LngLat[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function pointInPolygon(p: LngLat, rings: LngLat[][]): boolean {
  if (!rings.length || !pointInRing(p, rings[0])) return false;
  for (let i = 1; i < rings.length; i++) if (pointInRing(p, rings[i])) return false;
  return true;
}

export interface BBox {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

export function bboxOf(points: LngLat[]): BBox {
  const b = { minLng: Infinity, minLat: Infinity, maxLng: -Infinity, maxLat: -Infinity };
  for (const [x, y] of points) {
    b.minLng = Math.min(b.minLng, x);
    b.maxLng = Math.max(b.maxLng, x);
    b.minLat = Math.min(b.minLat, y);
    b.maxLat = Math.max(b.maxLat, y);
  }
  return b;
}
