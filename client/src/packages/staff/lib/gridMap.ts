import { boundsOf, type Bounds, type LngLat } from '@shared/geometry';
import { MapStateLabels, MapStates, PriorityLabels } from '@shared/vocab';
import type { MapState } from '@shared/vocab';
import type { ActionReply } from '@shared/actions';

export type GridMapReply = ActionReply<'dispatch', 'map'>;
export type MapDot = GridMapReply['points'][number];
export type MapArea = GridMapReply['grids'][number];

/** One colour per kind, the same on the plot, the WeChat map's markers and the legend. */
export const StateColours: Record<MapState, string> = {
  open: '#d97706',
  claimed: '#15803d',
  stalled: '#dc2626',
};

export const Legend = MapStates.map((state) => ({ state, label: MapStateLabels[state], colour: StateColours[state] }));

/** What a screen reader says of a dot, and what the list under the map shows: what it is and how it stands. */
export function dotLabel(dot: MapDot): string {
  const urgent = dot.priority === 'urgent' ? `【${PriorityLabels.urgent}】` : '';
  return `${urgent}${dot.title}（${MapStateLabels[dot.state]}）`;
}

const STATE_RANK: Record<MapState, number> = { stalled: 0, open: 1, claimed: 2 };
const PRIORITY_RANK = { urgent: 0, high: 1, normal: 2 } as const;

/** The order the list under the map reads in: the ones needing someone first, urgent first within each kind. */
export function byNeed(a: MapDot, b: MapDot): number {
  return STATE_RANK[a.state] - STATE_RANK[b.state] || PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || (a.since < b.since ? -1 : 1);
}

/** How much waits in a grid (待认领 and 超时), against the busiest grid: 0–1, the plot's heat. */
export function heatOf(area: MapArea, areas: readonly MapArea[]): number {
  const waiting = (g: MapArea) => g.counts.open + g.counts.stalled;
  const most = Math.max(0, ...areas.map(waiting));
  return most === 0 ? 0 : waiting(area) / most;
}

const lngLat = (p: { coordinates: [number, number] }): LngLat => p.coordinates;

/** Everything the map should frame: the outlines and the dots, else the communities' centres. */
export function frameOf(map: GridMapReply): Bounds | null {
  const corners = map.grids.flatMap((g) => g.boundary ?? []);
  const dots = map.points.map((p) => lngLat(p.location));
  const found = boundsOf([...corners, ...dots]);
  if (found) return found;
  return boundsOf(map.communities.flatMap((c) => (c.location ? [lngLat(c.location)] : [])));
}

export interface Projection {
  width: number;
  height: number;
  at(p: LngLat): [number, number];
  /** The point drawn at (x, y): where a tap on the plot lands. */
  from(xy: readonly [number, number]): [number, number];
}

/**
 * Degrees to a flat drawing `width` wide: a community is small enough that a plain projection (longitude
 * shrunk by the latitude's cosine) keeps shapes true; at least `minSpanDeg` is shown, so a lone dot sits in context.
 */
export function projectionOf(frame: Bounds, width: number, pad = 24, minSpanDeg = 0.002): Projection {
  const midLat = (frame.south + frame.north) / 2;
  const k = Math.cos((midLat * Math.PI) / 180);
  const grow = (lo: number, hi: number) => {
    const span = Math.max(hi - lo, minSpanDeg);
    const mid = (lo + hi) / 2;
    return [mid - span / 2, mid + span / 2] as const;
  };
  const [west, east] = grow(frame.west, frame.east);
  const [south, north] = grow(frame.south, frame.north);
  const spanX = (east - west) * k;
  const spanY = north - south;
  const scale = (width - 2 * pad) / Math.max(spanX, spanY * 0.75);
  const height = Math.round(Math.min(Math.max(spanY * scale + 2 * pad, 200), width * 1.2));
  const offsetY = (height - spanY * scale) / 2;
  const offsetX = (width - spanX * scale) / 2;
  return {
    width,
    height,
    at: ([lng, lat]) => [offsetX + (lng - west) * k * scale, offsetY + (north - lat) * scale],
    from: ([x, y]) => [west + (x - offsetX) / (k * scale), north - (y - offsetY) / scale],
  };
}

/**
 * Points at the same spot (within 1 px), moved onto a small ring around it in a fixed order, so each
 * stays visible and tappable; a point alone stays where it is.
 */
export function spread(points: readonly [number, number][], ringPx: number): [number, number][] {
  const groups = new Map<string, number[]>();
  points.forEach(([x, y], i) => {
    const key = `${Math.round(x)},${Math.round(y)}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const out = points.map((p) => [p[0], p[1]] as [number, number]);
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const r = ringPx * Math.max(1, members.length / 6);
    members.forEach((i, k) => {
      const a = -Math.PI / 2 + (2 * Math.PI * k) / members.length;
      out[i] = [points[i][0] + r * Math.cos(a), points[i][1] + r * Math.sin(a)];
    });
  }
  return out;
}

/** A frame grown by `share` of its size on every side (at least `minDeg`): room to draw past what is there. */
export function grown(frame: Bounds, share: number, minDeg = 0): Bounds {
  const dx = Math.max((frame.east - frame.west) * share, minDeg);
  const dy = Math.max((frame.north - frame.south) * share, minDeg);
  return { west: frame.west - dx, south: frame.south - dy, east: frame.east + dx, north: frame.north + dy };
}

/**
 * The candidate within `tolerance` of a tap (both measured by `toPx`, the surface's own drawing), or null. Corners of
 * the neighbouring grids pull a tap onto them: a border drawn by hand beside a neighbour's would overlap it by a
 * hair, and the server refuses outlines that overlap.
 */
export function snapped(tap: readonly [number, number], candidates: readonly LngLat[], toPx: (p: LngLat) => readonly [number, number], tolerance: number): LngLat | null {
  let best: LngLat | null = null;
  let bestD = tolerance;
  for (const c of candidates) {
    const [x, y] = toPx(c);
    const d = Math.hypot(x - tap[0], y - tap[1]);
    if (d <= bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

/** Six decimals (~0.1 m): a tapped corner stored as a person would write it down. */
export const roundedCorner = (p: LngLat): [number, number] => [Math.round(p[0] * 1e6) / 1e6, Math.round(p[1] * 1e6) / 1e6];

/** An outline being drawn: its corners so far, and what a tap on the surface adds. */
export interface Drawing {
  corners: readonly LngLat[];
  /** Corners a tap snaps onto (the other grids'). */
  snapTo: readonly LngLat[];
  onTap(p: LngLat): void;
}

/** A place shown for reference while drawing (a building the outline must hold). */
export interface Pin {
  id: string;
  at: LngLat;
  label: string;
}

/** What every surface the map draws on takes: the schematic plot, the tile map (h5) and WeChat's `<map>`. */
export interface SurfaceProps {
  map: GridMapReply;
  selected?: string;
  onSelect?: (id: string) => void;
  /** Fixed instead of fitted to what is drawn: the editor's view stays put while corners are added. */
  frame?: Bounds;
  drawing?: Drawing;
  pins?: readonly Pin[];
}
