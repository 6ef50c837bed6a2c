import { Map } from '@tarojs/components';
import type { MapProps } from '@tarojs/components';
import claimedIcon from '../assets/dot-claimed.png';
import openIcon from '../assets/dot-open.png';
import stalledIcon from '../assets/dot-stalled.png';
import { frameOf, heatOf, type GridMapReply } from '../lib/gridMap';
import { MapStateLabels } from '@shared/vocab';
import type { MapState } from '@shared/vocab';

const ICONS: Record<MapState, string> = { open: openIcon, claimed: claimedIcon, stalled: stalledIcon };

interface Props {
  map: GridMapReply;
  onSelect: (id: string) => void;
}

/** `#rrggbbaa`, as WeChat's map wants colours with transparency. */
const withAlpha = (hex: string, alpha: number) => `${hex}${Math.round(alpha * 255).toString(16).padStart(2, '0')}`;

/**
 * The mini-program's map: WeChat's own `<map>` (gcj02, what every point we store is), each grid's outline as a
 * polygon shaded by how much waits in it, each wish as a marker in its kind's colour; tap one to pick it.
 * Markers need numeric ids: the index into `map.points`.
 */
export function GridMapWeapp({ map, onSelect }: Props) {
  const frame = frameOf(map);
  if (!frame) return null;
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
  const pick = (index: unknown) => {
    const p = map.points[Number(index)];
    if (p) onSelect(p.id);
  };
  return (
    <Map
      className='staff-map__native'
      longitude={(frame.west + frame.east) / 2}
      latitude={(frame.south + frame.north) / 2}
      scale={16}
      markers={markers}
      polygons={polygons}
      includePoints={[{ longitude: frame.west, latitude: frame.south }, { longitude: frame.east, latitude: frame.north }]}
      showScale
      onMarkerTap={(e) => pick(e.detail.markerId)}
      onCalloutTap={(e) => pick(e.detail.markerId)}
      onError={() => undefined}
    />
  );
}
