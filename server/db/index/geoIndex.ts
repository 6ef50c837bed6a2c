// 2dsphere index as a lat/lng grid: nearby searches visit rings of cells outward and stop once
// no unvisited cell can hold anything closer than what was already found.
import { IndexSpec } from './fieldIndex';
import { angularDistance, angularDistanceCos, BBox, cosLat, geometryPoints, LngLat } from './geometry';
import { Doc, getPath } from './values';

const LEVELS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2, 5];
const TARGET_PER_CELL = 8;

export interface NearHit {
  id: string;
  dist: number; // radians
  loc: LngLat;
}

/**
 * A document's point in one cell. The point travels with the cell, so a nearby search never
 * looks a document up by id; only documents with several points (`multi`) need deduplicating
 * and their closest point computed from all of them.
 */
interface CellEntry {
  id: string;
  p: LngLat;
  cos: number;
  multi: boolean;
}

export class GeoIndex {
  readonly field: string;
  private level = 4;
  private cellDeg = LEVELS[4];
  private cells = new Map<number, CellEntry[]>();
  private points = new Map<string, LngLat[]>();
  private builtAt = 0;

  constructor(readonly spec: IndexSpec) {
    this.field = Object.keys(spec.key).find((k) => spec.key[k] === '2dsphere' || spec.key[k] === '2d')!;
  }

  get name(): string {
    return this.spec.name;
  }

  get size(): number {
    return this.points.size;
  }

  pointsOf(doc: Doc): LngLat[] {
    const v = getPath(doc, this.field);
    if (Array.isArray(v) && v.length && typeof v[0] === 'object' && !Array.isArray(v[0]) && v[0] !== null) {
      return v.flatMap((g) => geometryPoints(g));
    }
    return geometryPoints(v);
  }

  private nLat = Math.round(180 / LEVELS[4]);
  private nLng = Math.round(360 / LEVELS[4]);

  private setLevel(level: number): void {
    this.level = level;
    this.cellDeg = LEVELS[level];
    this.nLat = Math.round(180 / this.cellDeg);
    this.nLng = Math.round(360 / this.cellDeg);
  }

  private cellOf(p: LngLat): [number, number] {
    const lat = Math.max(0, Math.min(Math.floor((p[1] + 90) / this.cellDeg), this.nLat - 1));
    const lng = ((Math.floor((p[0] + 180) / this.cellDeg) % this.nLng) + this.nLng) % this.nLng;
    return [lat, lng];
  }

  private cellId(lat: number, lng: number): number {
    return lat * 1_000_000 + lng;
  }

  private cellKey(p: LngLat): number {
    const [a, b] = this.cellOf(p);
    return a * 1_000_000 + b;
  }

  add(id: string, doc: Doc): void {
    const pts = this.pointsOf(doc);
    if (!pts.length) return;
    this.points.set(id, pts);
    this.addCells(id, pts);
    if (this.points.size >= Math.max(64, this.builtAt * 2)) this.rebuild();
  }

  private addCells(id: string, pts: LngLat[]): void {
    const multi = pts.length > 1;
    for (const p of pts) {
      const key = this.cellKey(p);
      let s = this.cells.get(key);
      if (!s) this.cells.set(key, (s = []));
      // Several points of one document in one cell: any of them will do, `multi` finds the closest.
      if (!multi || !s.some((e) => e.id === id)) s.push({ id, p, cos: cosLat(p), multi });
    }
  }

  /** Re-indexes `id` only when its points moved. */
  replace(id: string, old: Doc, doc: Doc): void {
    const before = this.points.get(id);
    const after = this.pointsOf(doc);
    if (before && before.length === after.length && before.every((p, i) => p[0] === after[i][0] && p[1] === after[i][1])) return;
    this.remove(id);
    this.add(id, doc);
    void old;
  }

  remove(id: string): void {
    const pts = this.points.get(id);
    if (!pts) return;
    this.points.delete(id);
    for (const p of pts) {
      const key = this.cellKey(p);
      const s = this.cells.get(key);
      if (s) {
        // Cells hold a handful of points (TARGET_PER_CELL): a scan is cheaper than a map per cell.
        const i = s.findIndex((e) => e.id === id);
        if (i >= 0) {
          s[i] = s[s.length - 1];
          s.pop();
        }
        if (!s.length) this.cells.delete(key);
      }
    }
  }

  clear(): void {
    this.cells.clear();
    this.points.clear();
    this.builtAt = 0;
  }

  /** Re-grids so occupied cells hold about TARGET_PER_CELL points: ring searches stay short as data grows. */
  private rebuild(): void {
    this.builtAt = this.points.size;
    for (let guard = 0; guard < LEVELS.length; guard++) {
      const avg = this.points.size / Math.max(1, this.cells.size);
      let next = this.level;
      if (avg > TARGET_PER_CELL * 4 && this.level > 0) next--;
      else if (avg < TARGET_PER_CELL / 4 && this.level < LEVELS.length - 1) next++;
      if (next === this.level) return;
      this.setLevel(next);
      this.cells.clear();
      for (const [id, pts] of this.points) this.addCells(id, pts);
    }
  }

  private closest(id: string, center: LngLat): { dist: number; loc: LngLat } {
    let best = Infinity;
    let loc: LngLat = center;
    for (const p of this.points.get(id) ?? []) {
      const d = angularDistance(center, p);
      if (d < best) {
        best = d;
        loc = p;
      }
    }
    return { dist: best, loc };
  }

  /** Lower bound (radians) on the distance from center to any point outside rings 0..r. */
  private ringBound(center: LngLat, r: number): number {
    const cell = this.cellDeg;
    // How far the center sits inside its own cell decides how far the ring's outer edge is.
    const fLat = ((center[1] + 90) / cell) % 1;
    const fLng = ((((center[0] + 180) / cell) % 1) + 1) % 1;
    const latDeg = Math.min(fLat + r, 1 - fLat + r) * cell;
    const lngDeg = Math.min(fLng + r, 1 - fLng + r) * cell;
    const latBound = (latDeg * Math.PI) / 180;
    const maxLat = Math.min(90, Math.abs(center[1]) + latDeg + cell);
    const lngBound = 2 * Math.asin(Math.min(1, Math.cos((maxLat * Math.PI) / 180) * Math.sin(Math.min(Math.PI, (lngDeg * Math.PI) / 180) / 2)));
    return Math.min(latBound, lngBound);
  }

  /** Documents in ascending distance (radians) from center, lazily. */
  *near(center: LngLat, maxDist = Infinity, minDist = 0): Generator<NearHit> {
    const { nLat, nLng } = this;
    const [cLat, cLng] = this.cellOf(center);
    const done = new Set<string>();
    const visited = new Set<number>();
    const centerCos = cosLat(center);
    let pending: NearHit[] = [];
    const consider = (e: CellEntry) => {
      if (e.multi) {
        if (done.has(e.id)) return;
        done.add(e.id);
        const { dist, loc } = this.closest(e.id, center);
        if (dist <= maxDist && dist >= minDist) pending.push({ id: e.id, dist, loc });
        return;
      }
      const dist = angularDistanceCos(center, centerCos, e.p, e.cos);
      if (dist <= maxDist && dist >= minDist) pending.push({ id: e.id, dist, loc: e.p });
    };
    const visit = (lat: number, lng: number) => {
      if (lat < 0 || lat >= nLat) return;
      const key = this.cellId(lat, ((lng % nLng) + nLng) % nLng);
      const s = this.cells.get(key);
      if (!s) return;
      visited.add(key);
      for (let i = 0; i < s.length; i++) consider(s[i]);
    };
    const maxR = Math.max(nLat, nLng / 2);
    for (let r = 0; r <= maxR; r++) {
      const ringCells = r === 0 ? 1 : 8 * r;
      if (ringCells > this.cells.size * 4) {
        // Sparse data far away: cheaper to look at every occupied cell than to walk empty rings.
        for (const [key, s] of this.cells) if (!visited.has(key)) for (const e of s) consider(e);
        pending.sort((a, b) => a.dist - b.dist);
        yield* pending;
        return;
      }
      if (r === 0) visit(cLat, cLng);
      else {
        for (let d = -r; d <= r; d++) {
          visit(cLat - r, cLng + d);
          visit(cLat + r, cLng + d);
        }
        for (let d = -r + 1; d <= r - 1; d++) {
          visit(cLat + d, cLng - r);
          visit(cLat + d, cLng + r);
        }
      }
      const bound = this.ringBound(center, r);
      pending.sort((a, b) => a.dist - b.dist);
      let i = 0;
      while (i < pending.length && pending[i].dist <= bound) yield pending[i++];
      pending = pending.slice(i);
      if (bound > maxDist || visited.size >= this.cells.size) break;
    }
    yield* pending;
  }

  /** Ids with a point inside the box (degrees); a superset for shapes inside it. */
  within(box: BBox): string[] {
    const [aLat, aLng] = this.cellOf([Math.max(-180, box.minLng), Math.max(-90, box.minLat)]);
    const [bLat, bLng] = this.cellOf([Math.min(180, box.maxLng), Math.min(90, box.maxLat)]);
    const spanCells = (bLat - aLat + 1) * (bLng - aLng + 1);
    const out = new Set<string>();
    if (spanCells > this.cells.size || bLng < aLng) {
      for (const [id, pts] of this.points) {
        if (pts.some(([x, y]) => x >= box.minLng && x <= box.maxLng && y >= box.minLat && y <= box.maxLat)) out.add(id);
      }
      return [...out];
    }
    for (let lat = aLat; lat <= bLat; lat++) {
      for (let lng = aLng; lng <= bLng; lng++) {
        const s = this.cells.get(this.cellId(lat, lng));
        if (s) for (const e of s) out.add(e.id);
      }
    }
    return [...out];
  }
}
