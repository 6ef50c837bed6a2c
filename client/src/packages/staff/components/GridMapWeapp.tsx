import { useMemo } from 'react';
import { Map } from '@tarojs/components';
import type { MapProps } from '@tarojs/components';
import claimedIcon from '../assets/dot-claimed.png';
import openIcon from '../assets/dot-open.png';
import stalledIcon from '../assets/dot-stalled.png';
import type { LngLat } from '@shared/geometry';
import { frameOf, heatOf, roundedCorner, snapped, type SurfaceProps } from '../lib/gridMap';
import { MapStateLabels } from '@shared/vocab';
import type { MapState } from '@shared/vocab';

const ICONS: Record<MapState, string> = { open: openIcon, claimed: claimedIcon, stalled: stalledIcon };

const DRAFT = '#2563eb';
/** A neighbour's corner within this many metres of a tap takes it (`<map>` does not say its scale as it zooms). */
const SNAP_M = 8;

/** `#rrggbbaa`, as WeChat's map wants colours with transparency. */
const withAlpha = (hex: string, alpha: number) => `${hex}${Math.round(alpha * 255).toString(16).padStart(2, '0')}`;

/**
 * The mini-program's map: WeChat's own `<map>` (gcj02, what every point we store is), each grid's outline as a
 * polygon shaded by how much waits in it, each wish as a marker in its kind's colour; tap one to pick it.
 * Markers need numeric ids: the index into `map.points`. Drawing, a tap on the map (its `tap` says where, base
 * library 2.9+) adds a corner; corners and reference buildings are circles, which need no icon files.
 */
export function GridMapWeapp({ map, onSelect, frame: fixed, drawing, pins = [] }: SurfaceProps) {
  const frame = fixed ?? frameOf(map);
  // The same view object while the frame stays: a new one each render would have `<map>` fit it again after every
  // tap, undoing the zoom a person drawing chose.
  const frameKey = frame ? [frame.west, frame.south, frame.east, frame.north].join() : '';
  const view = useMemo(
    () =>
      frame && {
        longitude: (frame.west + frame.east) / 2,
        latitude: (frame.south + frame.north) / 2,
        includePoints: [{ longitude: frame.west, latitude: frame.south }, { longitude: frame.east, latitude: frame.north }],
      },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [frameKey],
  );
  if (!view) return null;
  const markers: MapProps.marker[] = map.points.map((p, i) => ({
    id: i,
    latitude: p.location.coordinates[1],
    longitude: p.location.coordinates[0],
    iconPath: ICONS[p.state],
    width: p.priority === 'urgent' ? 26 : 20,
    height: p.priority === 'urgent' ? 26 : 20,
    title: p.title,
    callout: { content: `${p.priority === 'urgent' ? '【紧急】' : ''}${p.title}\n${MapStateLabels[p.state]}`, display: 'BYCLICK', padding: 6, borderRadius: 6, fontSize: 13, color: '#111827', bgColor: '#ffffff', textAlign: 'left', anchorX: 0, anchorY: 0, borderWidth: 0, borderColor: '#ffffff' },
    ...(p.priority === 'urgent' ? { label: { content: '急', color: '#7f1d1d', fontSize: 12, anchorX: -6, anchorY: -30, bgColor: '#ffffff', padding: 2, borderRadius: 4, borderWidth: 0, borderColor: '#ffffff', textAlign: 'center', x: 0, y: 0 } } : {}),
  }));
  const polygons: MapProps.polygon[] = map.grids.flatMap((g) =>
    g.boundary
      ? [{
          points: g.boundary.map(([longitude, latitude]) => ({ longitude, latitude })),
          strokeWidth: 2,
          strokeColor: '#475569cc',
          fillColor: withAlpha('#dc2626', 0.06 + 0.3 * heatOf(g, map.grids)),
          zIndex: 1,
        }]
      : [],
  );
  const corners = drawing?.corners ?? [];
  const ring = corners.map(([longitude, latitude]) => ({ longitude, latitude }));
  if (corners.length > 2) polygons.push({ points: ring, strokeWidth: 3, strokeColor: DRAFT, fillColor: withAlpha(DRAFT, 0.15), zIndex: 2 });
  const polyline: MapProps.polyline[] = corners.length === 2 ? [{ points: ring, color: DRAFT, width: 3 }] : [];
  const circles: MapProps.circle[] = [
    ...pins.map((p) => ({ longitude: p.at[0], latitude: p.at[1], radius: 4, color: '#334155', fillColor: '#334155cc', strokeWidth: 1 })),
    ...corners.map(([longitude, latitude]) => ({ longitude, latitude, radius: 3, color: DRAFT, fillColor: '#ffffffff', strokeWidth: 2 })),
  ];
  const pick = (index: unknown) => {
    const p = map.points[Number(index)];
    if (p) onSelect?.(p.id);
  };
  const tap = (detail: { longitude?: number; latitude?: number } | undefined) => {
    if (!drawing || typeof detail?.longitude !== 'number' || typeof detail.latitude !== 'number') return;
    const at: LngLat = [detail.longitude, detail.latitude];
    // Metres east and north of the tap: near enough to flat at a neighbour's corner.
    const k = Math.cos((at[1] * Math.PI) / 180);
    const metres = (p: LngLat) => [(p[0] - at[0]) * 111_320 * k, (p[1] - at[1]) * 110_574] as const;
    drawing.onTap(snapped([0, 0], drawing.snapTo, metres, SNAP_M) ?? roundedCorner(at));
  };
  return (
    <Map
      className='staff-map__native'
      longitude={view.longitude}
      latitude={view.latitude}
      scale={16}
      markers={markers}
      polygons={polygons}
      polyline={polyline}
      circles={circles}
      includePoints={view.includePoints}
      showScale
      onMarkerTap={(e) => pick(e.detail.markerId)}
      onCalloutTap={(e) => pick(e.detail.markerId)}
      onTap={drawing ? (e) => tap(e.detail as { longitude?: number; latitude?: number }) : undefined}
      onError={() => undefined}
    />
  );
}
