/**
 * Plane geometry of small areas (a grid of a community is a few hundred metres across): rings of
 * [lng, lat] points, treated as flat. Pure; the grid editor's checks and the map's drawing use it.
 */
export type LngLat = readonly [number, number];

/** Twice the signed area, in degrees²: positive when the ring runs anticlockwise. */
function signedArea2(ring: readonly LngLat[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[(i + 1) % ring.length];
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

const cross = (o: LngLat, a: LngLat, b: LngLat) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

/** Whether segments ab and cd cross or touch (collinear overlaps included). */
function segmentsMeet(a: LngLat, b: LngLat, c: LngLat, d: LngLat): boolean {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  const on = (p: LngLat, q: LngLat, r: LngLat) =>
    Math.min(p[0], q[0]) <= r[0] && r[0] <= Math.max(p[0], q[0]) && Math.min(p[1], q[1]) <= r[1] && r[1] <= Math.max(p[1], q[1]);
  return (d1 === 0 && on(c, d, a)) || (d2 === 0 && on(c, d, b)) || (d3 === 0 && on(a, b, c)) || (d4 === 0 && on(a, b, d));
}

/**
 * Why a ring cannot be a grid's boundary, or null when it can: at least three distinct corners,
 * some area, and no edge crossing another (a figure eight has no inside to speak of).
 */
export function ringProblem(ring: readonly LngLat[]): string | null {
  const distinct = new Set(ring.map(([x, y]) => `${x},${y}`));
  if (distinct.size !== ring.length) return '边界的顶点不能重复';
  if (ring.length < 3) return '边界至少需要 3 个顶点';
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      // Neighbouring edges share a corner by design.
      if (j === i + 1 || (i === 0 && j === n - 1)) continue;
      if (segmentsMeet(ring[i], ring[(i + 1) % n], ring[j], ring[(j + 1) % n])) return '边界的边不能相互交叉';
    }
  }
  if (signedArea2(ring) === 0) return '边界围成的面积不能为零';
  return null;
}

/** Whether a point lies inside the ring (ray casting; a point on the edge may go either way). */
export function insideRing(point: LngLat, ring: readonly LngLat[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > point[1] !== yj > point[1] && point[0] < ((xj - xi) * (point[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The corners' average: where a grid's label goes. */
export function ringCentre(ring: readonly LngLat[]): LngLat {
  const n = Math.max(1, ring.length);
  return [ring.reduce((s, p) => s + p[0], 0) / n, ring.reduce((s, p) => s + p[1], 0) / n];
}

export interface Bounds {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** The smallest box around these points, or null when there are none. */
export function boundsOf(points: readonly LngLat[]): Bounds | null {
  if (points.length === 0) return null;
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  for (const [x, y] of points) {
    west = Math.min(west, x);
    east = Math.max(east, x);
    south = Math.min(south, y);
    north = Math.max(north, y);
  }
  return { west, south, east, north };
}

/**
 * How far from a line (in degrees, ~0.01 mm) a point may be and still count as on it: far below anything drawn on a
 * map, far above the rounding of arithmetic on coordinates given to six decimals.
 */
const ON_LINE = 1e-10;

const minus = (a: LngLat, b: LngLat): LngLat => [a[0] - b[0], a[1] - b[1]];
const dot = (a: LngLat, b: LngLat) => a[0] * b[0] + a[1] * b[1];

/** Where along ab (0 at a, 1 at b) point p lies, when it lies on the segment within ON_LINE; null otherwise. */
function alongSegment(a: LngLat, b: LngLat, p: LngLat): number | null {
  const ab = minus(b, a);
  const len2 = dot(ab, ab);
  if (len2 === 0) return null;
  if (Math.abs(cross(a, b, p)) / Math.sqrt(len2) > ON_LINE) return null;
  const t = dot(minus(p, a), ab) / len2;
  const slack = 1e-9;
  return t >= -slack && t <= 1 + slack ? Math.min(1, Math.max(0, t)) : null;
}

/** The edges of a ring, as [from, to] pairs, running anticlockwise (the inside on their left). */
function anticlockwiseEdges(ring: readonly LngLat[]): [LngLat, LngLat][] {
  const ccw = signedArea2(ring) >= 0 ? ring : [...ring].reverse();
  return ccw.map((p, i) => [p, ccw[(i + 1) % ccw.length]]);
}

/** Whether the point lies on the ring's outline (within ON_LINE). */
export function onRing(point: LngLat, ring: readonly LngLat[]): boolean {
  return anticlockwiseEdges(ring).some(([a, b]) => alongSegment(a, b, point) !== null);
}

/** Where the segments ab and cd cross at one point strictly between their ends (not touching, not along each other): t along ab. */
function crossingAt(a: LngLat, b: LngLat, c: LngLat, d: LngLat): number | null {
  const r = minus(b, a);
  const s = minus(d, c);
  const denom = r[0] * s[1] - r[1] * s[0];
  // Parallel (or nearly): they meet along each other if at all, which the corners' cuts already find.
  if (Math.abs(denom) <= ON_LINE * Math.hypot(...r) * Math.hypot(...s)) return null;
  const ac = minus(c, a);
  const t = (ac[0] * s[1] - ac[1] * s[0]) / denom;
  const u = (ac[0] * r[1] - ac[1] * r[0]) / denom;
  return t > 0 && t < 1 && u >= 0 && u <= 1 ? t : null;
}

/**
 * Whether some piece of `a`'s outline runs through the inside of `b`, or along `b`'s outline with both insides on
 * the same side of it. Each edge of `a` is cut wherever `b`'s outline meets it, and the middle of each piece tested.
 */
function outlineEnters(a: readonly LngLat[], b: readonly LngLat[]): boolean {
  const bEdges = anticlockwiseEdges(b);
  for (const [p, q] of anticlockwiseEdges(a)) {
    const cuts = [0, 1];
    for (const [c, d] of bEdges) {
      for (const v of [c, d]) {
        const t = alongSegment(p, q, v);
        if (t !== null) cuts.push(t);
      }
      const t = crossingAt(p, q, c, d);
      if (t !== null) cuts.push(t);
    }
    cuts.sort((x, y) => x - y);
    for (let i = 0; i + 1 < cuts.length; i++) {
      if (cuts[i + 1] - cuts[i] < 1e-9) continue;
      const m = (cuts[i] + cuts[i + 1]) / 2;
      const mid: LngLat = [p[0] + (q[0] - p[0]) * m, p[1] + (q[1] - p[1]) * m];
      const along = bEdges.find(([c, d]) => alongSegment(c, d, mid) !== null);
      // On b's outline: a shared stretch of border. Running the same way, both insides lie to its left: they overlap.
      if (along) {
        if (dot(minus(q, p), minus(along[1], along[0])) > 0) return true;
      } else if (insideRing(mid, b)) {
        return true;
      }
    }
  }
  return false;
}

/**
 * Whether two outlines share some area. Outlines that only touch — along a stretch of border, or at a corner — do
 * not: neighbouring grids share their streets. One inside the other, crossing, or the same outline twice do.
 */
export function ringsOverlap(a: readonly LngLat[], b: readonly LngLat[]): boolean {
  const box = (r: readonly LngLat[]) => boundsOf(r)!;
  const [x, y] = [box(a), box(b)];
  if (x.east < y.west || y.east < x.west || x.north < y.south || y.north < x.south) return false;
  return outlineEnters(a, b) || outlineEnters(b, a);
}

/** Inside the ring or on its outline: where a building may stand in its grid (a building on the boundary street is in). */
export function withinRing(point: LngLat, ring: readonly LngLat[]): boolean {
  return insideRing(point, ring) || onRing(point, ring);
}
