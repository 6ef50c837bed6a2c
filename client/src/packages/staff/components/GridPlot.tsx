import type { MouseEvent } from 'react';
import type { LngLat } from '@shared/geometry';
import { dotLabel, frameOf, heatOf, projectionOf, roundedCorner, snapped, spread, StateColours, type SurfaceProps } from '../lib/gridMap';

const WIDTH = 360;
/** Wishes at one door (the seed's, a building's) would hide each other: they sit on a small ring around it. */
const RING_PX = 11;
/** How near (in the plot's units, about a pixel each on a phone) a tap must land to a neighbour's corner to take it. */
const SNAP_PX = 12;
export const DRAFT_COLOUR = '#2563eb';

/**
 * The schematic plot of the grids (h5 without tiles): each outline shaded by how much waits in it,
 * named with its counts along its top edge, and each wish as a dot coloured by kind (urgent ringed and
 * marked 急). Tap a dot to pick it. Drawing, a tap on the plot adds a corner to the outline being drawn.
 */
export function GridPlot({ map, selected, onSelect, frame: fixed, drawing, pins = [] }: SurfaceProps) {
  const frame = fixed ?? frameOf(map);
  if (!frame) return null;
  const proj = projectionOf(frame, WIDTH, 32);
  const path = (ring: readonly LngLat[], close = true) =>
    ring.map((p, i) => `${i === 0 ? 'M' : 'L'}${proj.at(p).map((v) => v.toFixed(1)).join(',')}`).join(' ') + (close ? ' Z' : '');
  const dots = spread(map.points.map((p) => proj.at(p.location.coordinates)), RING_PX);
  const tap = (e: MouseEvent<SVGSVGElement>) => {
    if (!drawing) return;
    const box = e.currentTarget.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return;
    const at: [number, number] = [((e.clientX - box.left) * proj.width) / box.width, ((e.clientY - box.top) * proj.height) / box.height];
    drawing.onTap(snapped(at, drawing.snapTo, proj.at, SNAP_PX) ?? roundedCorner(proj.from(at)));
  };
  const corners = drawing?.corners ?? [];
  return (
    <svg
      className={`staff-map__plot${drawing ? ' staff-map__plot--drawing' : ''}`}
      viewBox={`0 0 ${proj.width} ${proj.height}`}
      role='group'
      aria-label={drawing ? '网格示意图：点按添加边界顶点' : '网格示意图'}
      onClick={drawing ? tap : undefined}
    >
      <rect x={0} y={0} width={proj.width} height={proj.height} fill='#f8fafc' />
      {map.grids.map((g) =>
        g.boundary ? (
          <path key={g.id} d={path(g.boundary)} fill={`rgba(220, 38, 38, ${(0.05 + 0.3 * heatOf(g, map.grids)).toFixed(2)})`} stroke='#64748b' strokeWidth={1.5} strokeDasharray='5 3' />
        ) : null,
      )}
      {pins.map((p) => {
        const [x, y] = proj.at(p.at);
        return (
          <g key={p.id} aria-label={p.label} role='img'>
            <rect x={x - 4} y={y - 4} width={8} height={8} fill='#334155' />
            <text x={x + 6} y={y + 3} fontSize={9} fill='#334155' pointerEvents='none'>{p.label}</text>
          </g>
        );
      })}
      {corners.length > 1 && (
        <path
          className='staff-map__draft'
          d={path(corners, corners.length > 2)}
          fill={corners.length > 2 ? 'rgba(37, 99, 235, 0.15)' : 'none'}
          stroke={DRAFT_COLOUR}
          strokeWidth={2}
        />
      )}
      {corners.map((c, i) => {
        const [x, y] = proj.at(c);
        return <circle key={`corner-${i}`} className='staff-map__corner' cx={x} cy={y} r={i === corners.length - 1 ? 5 : 4} fill={i === corners.length - 1 ? DRAFT_COLOUR : '#fff'} stroke={DRAFT_COLOUR} strokeWidth={2} />;
      })}
      {map.points.map((p, i) => {
        const [x, y] = dots[i];
        const urgent = p.priority === 'urgent';
        const on = p.id === selected;
        return (
          <g key={p.id} role='button' aria-label={dotLabel(p)} className='staff-map__dot' onClick={() => onSelect?.(p.id)} style={{ cursor: 'pointer' }}>
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
        const outline = g.boundary.map(proj.at);
        // Above the outline, centred on it: the dots inside stay clear, and a white halo keeps it readable over a neighbour.
        const x = outline.reduce((s, c) => s + c[0], 0) / outline.length;
        const top = Math.min(...outline.map((c) => c[1]));
        const y = Math.max(drawing ? 12 : 22, top - (drawing ? 6 : 16));
        return (
          <text key={`${g.id}-label`} x={x} y={y} textAnchor='middle' fontSize={10.5} fill='#1e293b' stroke='#f8fafc' strokeWidth={3} paintOrder='stroke' pointerEvents='none'>
            <tspan x={x} dy={0} fontWeight={600}>{g.name}</tspan>
            {!drawing && <tspan x={x} dy={12} fontSize={9.5}>待{g.counts.open} · 超时{g.counts.stalled} · 已认领{g.counts.claimed}</tspan>}
          </text>
        );
      })}
    </svg>
  );
}
