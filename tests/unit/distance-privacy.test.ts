/**
 * H1 of issue 11: distances in tasks.nearby and wishes.similar must not let anyone place a home
 * closer than the coarsening of its coordinates (~100 m), however many points they ask from.
 */
import { coarsenCoordinate, firstByCell, metresBetween, nearbyItemOf, nearestByCell, similarItemOf, type GeoPoint } from '@shared';
import { baseWish } from './support/wishes';

const pt = (lng: number, lat: number): GeoPoint => ({ type: 'Point', coordinates: [lng, lat] });

/** Two homes ~130 m apart in one 0.001° cell (both coarsen to 113.982, 31.256). */
const HOME_A = pt(113.98155, 31.25555);
const HOME_B = pt(113.98245, 31.25645);

/** Where a prober stands: a ring of points around the cell, 150 m to 2 km away. */
const PROBES: GeoPoint[] = [];
for (let ring = 1; ring <= 6; ring++) {
  for (let k = 0; k < 24; k++) {
    const r = 0.0015 * ring + 0.00007 * k;
    PROBES.push(pt(113.982 + r * Math.cos((k * Math.PI) / 12), 31.256 + r * Math.sin((k * Math.PI) / 12)));
  }
}

const nearbyFrom = (home: GeoPoint, from: GeoPoint) => nearbyItemOf(baseWish({ status: 'open', location: home }), from).distanceM;

describe('distances shown to helpers and neighbours', () => {
  test('the homes sit in one cell, far enough apart to matter', () => {
    expect(coarsenCoordinate(HOME_A.coordinates[0])).toBe(coarsenCoordinate(HOME_B.coordinates[0]));
    expect(coarsenCoordinate(HOME_A.coordinates[1])).toBe(coarsenCoordinate(HOME_B.coordinates[1]));
    expect(metresBetween(HOME_A.coordinates, HOME_B.coordinates)).toBeGreaterThan(100);
  });

  test('every reply from every point is the same for two homes of one cell: no trilateration tells them apart', () => {
    for (const from of PROBES) {
      expect(nearbyFrom(HOME_A, from)).toBe(nearbyFrom(HOME_B, from));
      const viewer = { kind: 'user' as const, userId: 'someone', roles: ['resident' as const], communityId: baseWish().communityId };
      const a = similarItemOf(baseWish({ status: 'open', location: HOME_A }), from, viewer);
      const b = similarItemOf(baseWish({ status: 'open', location: HOME_B }), from, viewer);
      expect(a?.distanceM).toBe(b?.distanceM);
    }
  });

  test('a least-squares fit of the replies lands no closer to a home than the coarsening radius allows', () => {
    const replies = PROBES.map((from) => ({ from, d: nearbyFrom(HOME_A, from) }));
    let best = { err: Infinity, at: HOME_A.coordinates as readonly [number, number] };
    // 2 m grid over 400 m × 400 m around the cell.
    for (let i = -100; i <= 100; i++) {
      for (let j = -100; j <= 100; j++) {
        const at = [113.982 + i * 0.00002, 31.256 + j * 0.00002] as const;
        const err = replies.reduce((sum, r) => sum + (metresBetween(r.from.coordinates, at) - r.d) ** 2, 0);
        if (err < best.err) best = { err, at };
      }
    }
    // The best guess is about the cell, not the door: HOME_A, at a corner of it, stays tens of metres off.
    expect(metresBetween(best.at, HOME_A.coordinates)).toBeGreaterThan(50);
  });

  test('shown in whole 100 m steps, never 0', () => {
    for (const from of PROBES) expect(nearbyFrom(HOME_A, from) % 100).toBe(0);
    expect(nearbyFrom(HOME_A, HOME_A)).toBe(100);
  });

  test('the radius cuts by the coarsened point, so shrinking it does not measure the home', () => {
    const from = pt(113.982, 31.2585); // 278 m north of the cell's point
    const rows = [{ id: 'a', location: HOME_A }, { id: 'b', location: HOME_B }];
    for (const radiusM of [250, 270, 277, 279, 300, 330]) {
      const kept = nearestByCell(rows, from, radiusM).map((r) => r.id);
      expect(kept).toEqual(radiusM >= 278 ? ['a', 'b'] : []);
    }
  });

  test('a list cut by the store at its nearest few is kept only where the cut cannot matter', () => {
    const from = pt(113.982, 31.2585);
    // By exact distance B (at the corner nearer the probe) comes first, then two wishes ~550 m off.
    const far = [{ id: 'c', location: pt(113.982, 31.2535) }, { id: 'd', location: pt(113.9823, 31.2534) }];
    const rows = [{ id: 'b', location: HOME_B }, ...far];
    // Cut at 1, the store may have left out A, of B's cell: B is not settled.
    expect(firstByCell(rows.slice(0, 1), from, 2000, 1, 1)).toEqual({ rows: [], settled: false });
    // Cut at 3, what it left out lies beyond 550 m: B stands first whatever else there is.
    expect(firstByCell(rows, from, 2000, 1, 3)).toEqual({ rows: [rows[0]], settled: true });
    // Given fewer than asked, the store gave all there are: the whole answer stands.
    expect(firstByCell(rows, from, 2000, 3, 4)).toEqual({ rows, settled: true });
    // Asked for all, A and B are one cell, in id order, whichever was nearer the door.
    const all = [{ id: 'b', location: HOME_B }, { id: 'a', location: HOME_A }, ...far];
    expect(firstByCell(all, from, 2000, 2, 10).rows.map((r) => r.id)).toEqual(['a', 'b']);
    // What the privacy filter drops does not count towards the limit.
    expect(firstByCell(all, from, 2000, 1, 10, (r) => r.id !== 'a').rows.map((r) => r.id)).toEqual(['b']);
  });
});
