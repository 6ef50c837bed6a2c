import type { LngLat } from '@shared/geometry';
import { dotLabel, frameOf, heatOf, projectionOf, ringCentre, StateColours, type GridMapReply } from '../lib/gridMap';

interface Props {
  map: GridMapReply;
  selected?: string;
  onSelect: (id: string) => void;
}

const WIDTH = 360;

/**
 * The schematic plot of the grids (h5 without a map key): each outline shaded by how much waits in it,
 * named with its counts, and each wish as a dot coloured by kind (urgent ringed). Tap a dot to pick it.
 */
export function GridPlot({ map, selected, onSelect }: Props) {
  const frame = frameOf(map);
  if (!frame) return null;
  const proj = projectionOf(frame, WIDTH);
  const path = (ring: readonly LngLat[]) => ring.map((p, i) => `${i === 0 ? 'M' : 'L'}${proj.at(p).map((v) => v.toFixed(1)).join(',')}`).join(' ') + ' Z';
  return (
    <svg className='staff-map__plot' viewBox={`0 0 ${proj.width} ${proj.height}`} role='group' aria-label='网格示意图'>
      <rect x={0} y={0} width={proj.width} height={proj.height} fill='#f8fafc' />
      {map.grids.map((g) =>
        g.boundary ? (
          <path key={g.id} d={path(g.boundary)} fill={`rgba(220, 38, 38, ${(0.05 + 0.3 * heatOf(g, map.grids)).toFixed(2)})`} stroke='#64748b' strokeWidth={1.5} strokeDasharray='5 3' />
        ) : null,
      )}
      {map.grids.map((g) => {
        if (!g.boundary) return null;
        const [x, y] = proj.at(ringCentre(g.boundary));
        return (
          <text key={`${g.id}-label`} x={x} y={y} textAnchor='middle' fontSize={11} fill='#334155' pointerEvents='none'>
            <tspan x={x} dy={0}>{g.name}</tspan>
            <tspan x={x} dy={13} fontSize={10}>待{g.counts.open} · 超时{g.counts.stalled} · 已认领{g.counts.claimed}</tspan>
          </text>
        );
      })}
      {map.points.map((p) => {
        const [x, y] = proj.at(p.location.coordinates);
        const urgent = p.priority === 'urgent';
        const on = p.id === selected;
        return (
          <g key={p.id} role='button' aria-label={dotLabel(p)} className='staff-map__dot' onClick={() => onSelect(p.id)} style={{ cursor: 'pointer' }}>
            {urgent && <circle cx={x} cy={y} r={11} fill='none' stroke='#7f1d1d' strokeWidth={2} />}
            <circle cx={x} cy={y} r={on ? 9 : 7} fill={StateColours[p.state]} stroke={on ? '#111827' : '#fff'} strokeWidth={2} />
            {urgent && (
              <text x={x} y={y + 3.5} textAnchor='middle' fontSize={9} fill='#fff' pointerEvents='none'>
                急
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
