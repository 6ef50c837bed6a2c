import type { LngLat } from '@shared/geometry';
import { dotLabel, frameOf, heatOf, projectionOf, spread, StateColours, type GridMapReply } from '../lib/gridMap';

interface Props {
  map: GridMapReply;
  selected?: string;
  onSelect: (id: string) => void;
}

const WIDTH = 360;
/** Wishes at one door (the seed's, a building's) would hide each other: they sit on a small ring around it. */
const RING_PX = 11;

/**
 * The schematic plot of the grids (h5 without a map key): each outline shaded by how much waits in it,
 * named with its counts along its top edge, and each wish as a dot coloured by kind (urgent ringed and
 * marked 急). Tap a dot to pick it.
 */
export function GridPlot({ map, selected, onSelect }: Props) {
  const frame = frameOf(map);
  if (!frame) return null;
  const proj = projectionOf(frame, WIDTH, 32);
  const path = (ring: readonly LngLat[]) => ring.map((p, i) => `${i === 0 ? 'M' : 'L'}${proj.at(p).map((v) => v.toFixed(1)).join(',')}`).join(' ') + ' Z';
  const dots = spread(map.points.map((p) => proj.at(p.location.coordinates)), RING_PX);
  return (
    <svg className='staff-map__plot' viewBox={`0 0 ${proj.width} ${proj.height}`} role='group' aria-label='网格示意图'>
      <rect x={0} y={0} width={proj.width} height={proj.height} fill='#f8fafc' />
      {map.grids.map((g) =>
        g.boundary ? (
          <path key={g.id} d={path(g.boundary)} fill={`rgba(220, 38, 38, ${(0.05 + 0.3 * heatOf(g, map.grids)).toFixed(2)})`} stroke='#64748b' strokeWidth={1.5} strokeDasharray='5 3' />
        ) : null,
      )}
      {map.points.map((p, i) => {
        const [x, y] = dots[i];
        const urgent = p.priority === 'urgent';
        const on = p.id === selected;
        return (
          <g key={p.id} role='button' aria-label={dotLabel(p)} className='staff-map__dot' onClick={() => onSelect(p.id)} style={{ cursor: 'pointer' }}>
            {urgent && <circle cx={x} cy={y} r={10} fill='none' stroke='#7f1d1d' strokeWidth={2} />}
            <circle cx={x} cy={y} r={on ? 8 : 6.5} fill={StateColours[p.state]} stroke={on ? '#111827' : '#fff'} strokeWidth={2} />
            {urgent && (
              <text x={x} y={y + 3} textAnchor='middle' fontSize={8} fill='#fff' pointerEvents='none'>
                急
              </text>
            )}
          </g>
        );
      })}
      {map.grids.map((g) => {
        if (!g.boundary) return null;
        const corners = g.boundary.map(proj.at);
        // Above the outline, centred on it: the dots inside stay clear, and a white halo keeps it readable over a neighbour.
        const x = corners.reduce((s, c) => s + c[0], 0) / corners.length;
        const top = Math.min(...corners.map((c) => c[1]));
        const y = Math.max(22, top - 16);
        return (
          <text key={`${g.id}-label`} x={x} y={y} textAnchor='middle' fontSize={10.5} fill='#1e293b' stroke='#f8fafc' strokeWidth={3} paintOrder='stroke' pointerEvents='none'>
            <tspan x={x} dy={0} fontWeight={600}>{g.name}</tspan>
            <tspan x={x} dy={12} fontSize={9.5}>待{g.counts.open} · 超时{g.counts.stalled} · 已认领{g.counts.claimed}</tspan>
          </text>
        );
      })}
    </svg>
  );
}
