// Geo operators mingo does not know: lifted out of the filter and evaluated here.
import { Codes, DbError, badValue } from '../errors';
import { angularDistance, bboxOf, BBox, geometryPoints, LngLat, pointInPolygon, toPoint, EARTH_RADIUS_M } from '../index/geometry';
import { Doc, getPath, isPlainObject } from '../index/values';

export interface NearClause {
  field: string;
  center: LngLat;
  /** Distances in radians internally; `meters` says how the caller expressed them. */
  maxDist: number;
  minDist: number;
  meters: boolean;
}

export interface WithinClause {
  field: string;
  test: (p: LngLat) => boolean;
  box: BBox | null;
}

export interface GeoSplit {
  rest: Doc;
  near: NearClause | null;
  within: WithinClause[];
}

const GEO_OPS = ['$near', '$nearSphere', '$geoWithin', '$within', '$geoIntersects'];

export function splitGeo(filter: Doc): GeoSplit {
  const out: GeoSplit = { rest: {}, near: null, within: [] };
  const visit = (f: Doc, target: Doc) => {
    for (const [k, v] of Object.entries(f)) {
      if (k === '$and' && Array.isArray(v)) {
        const kept: Doc[] = [];
        for (const sub of v) {
          const t: Doc = {};
          visit(sub, t);
          if (Object.keys(t).length) kept.push(t);
        }
        if (kept.length) target.$and = [...(target.$and ?? []), ...kept];
        continue;
      }
      if (!k.startsWith('$') && isPlainObject(v) && Object.keys(v).some((op) => GEO_OPS.includes(op))) {
        const others: Doc = {};
        for (const [op, arg] of Object.entries(v)) {
          if (op === '$near' || op === '$nearSphere') {
            if (out.near) throw new DbError(Codes.BadValue, 'Too many geoNear expressions');
            out.near = parseNear(k, op, arg, v);
          } else if (op === '$geoWithin' || op === '$within') out.within.push(parseWithin(k, arg));
          else if (op === '$geoIntersects') out.within.push(parseIntersects(k, arg));
          else if (op !== '$maxDistance' && op !== '$minDistance') others[op] = arg;
        }
        if (Object.keys(others).length) target[k] = others;
        continue;
      }
      target[k] = v;
    }
  };
  visit(filter, out.rest);
  return out;
}

function parseNear(field: string, op: string, arg: any, siblings: Doc): NearClause {
  let center: LngLat | null;
  let meters: boolean;
  let maxDist = siblings.$maxDistance;
  let minDist = siblings.$minDistance;
  if (isPlainObject(arg) && arg.$geometry) {
    center = toPoint(arg.$geometry);
    meters = true;
    maxDist = arg.$maxDistance ?? maxDist;
    minDist = arg.$minDistance ?? minDist;
  } else {
    center = toPoint(arg);
    meters = false;
  }
  if (!center) throw badValue(`invalid point in geo near query $geometry argument: ${JSON.stringify(arg)}`);
  const toRad = (d: any) => (d === undefined || d === null ? undefined : meters ? Number(d) / EARTH_RADIUS_M : Number(d));
  const max = toRad(maxDist);
  const min = toRad(minDist);
  if ((max !== undefined && (Number.isNaN(max) || max < 0)) || (min !== undefined && (Number.isNaN(min) || min < 0))) {
    throw badValue('$maxDistance / $minDistance must be non-negative numbers');
  }
  return { field, center, maxDist: max ?? Infinity, minDist: min ?? 0, meters };
}

function parseWithin(field: string, arg: any): WithinClause {
  if (!isPlainObject(arg)) throw badValue('$geoWithin requires a shape');
  if (arg.$centerSphere) {
    const [c, r] = arg.$centerSphere;
    const center = toPoint(c);
    if (!center || typeof r !== 'number') throw badValue('malformed $centerSphere');
    const degLat = (r * 180) / Math.PI;
    const degLng = degLat / Math.max(0.01, Math.cos(((Math.abs(center[1]) + degLat) * Math.PI) / 180));
    return {
      field,
      test: (p) => angularDistance(center, p) <= r,
      box: Math.abs(center[1]) + degLat >= 89 ? null : { minLng: center[0] - degLng, maxLng: center[0] + degLng, minLat: center[1] - degLat, maxLat: center[1] + degLat },
    };
  }
  if (arg.$center) {
    const [c, r] = arg.$center;
    const center = toPoint(c)!;
    return { field, test: (p) => Math.hypot(p[0] - center[0], p[1] - center[1]) <= r, box: { minLng: center[0] - r, maxLng: center[0] + r, minLat: center[1] - r, maxLat: center[1] + r } };
  }
  if (arg.$box) {
    const [a, b] = arg.$box.map(toPoint);
    const box = bboxOf([a, b]);
    return { field, test: ([x, y]) => x >= box.minLng && x <= box.maxLng && y >= box.minLat && y <= box.maxLat, box };
  }
  if (arg.$polygon) {
    const ring = arg.$polygon.map(toPoint) as LngLat[];
    return { field, test: (p) => pointInPolygon(p, [ring]) || onVertex(p, ring), box: bboxOf(ring) };
  }
  if (arg.$geometry) return polygonClause(field, arg.$geometry);
  throw badValue(`unknown geo specifier: ${Object.keys(arg).join(', ')}`);
}

function parseIntersects(field: string, arg: any): WithinClause {
  if (!isPlainObject(arg) || !arg.$geometry) throw badValue('$geoIntersects requires $geometry');
  const p = toPoint(arg.$geometry);
  if (p) return { field, test: (q) => q[0] === p[0] && q[1] === p[1], box: { minLng: p[0], maxLng: p[0], minLat: p[1], maxLat: p[1] } };
  return polygonClause(field, arg.$geometry);
}

function polygonClause(field: string, g: any): WithinClause {
  const polys: LngLat[][][] =
    g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : (() => { throw badValue(`unsupported geometry type ${g.type}`); })();
  const all = polys.flat(2) as LngLat[];
  return { field, test: (p) => polys.some((rings) => pointInPolygon(p, rings)), box: bboxOf(all) };
}

function onVertex(p: LngLat, ring: LngLat[]): boolean {
  return ring.some((v) => v[0] === p[0] && v[1] === p[1]);
}

function docPoints(doc: Doc, field: string): LngLat[] {
  const v = getPath(doc, field);
  if (Array.isArray(v) && v.length && isPlainObject(v[0])) return v.flatMap(geometryPoints);
  return geometryPoints(v);
}

/** A document is within a shape when all its vertices are (MongoDB requires the whole geometry inside). */
export function matchesWithin(doc: Doc, clauses: WithinClause[]): boolean {
  for (const c of clauses) {
    const pts = docPoints(doc, c.field);
    if (!pts.length || !pts.every(c.test)) return false;
  }
  return true;
}

export function nearDistance(doc: Doc, near: NearClause): number {
  let best = Infinity;
  for (const p of docPoints(doc, near.field)) best = Math.min(best, angularDistance(near.center, p));
  return best;
}
