import { useEffect, useRef, useState } from 'react';
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './TileMap.scss';
import { boundsOf, ringCentre, type LngLat } from '@shared/geometry';
import { fromTileDatum, toTileDatum, type MapTiles } from '@shared/mapTiles';
import { dotLabel, frameOf, heatOf, roundedCorner, snapped, spread, StateColours, type SurfaceProps } from '../lib/gridMap';
import { DRAFT_COLOUR } from './GridPlot';

/** Wishes at one door sit on a small ring around it, as on the plot (pixels, whatever the zoom). */
const RING_PX = 11;
/** How near (pixels) a tap must land to a neighbour's corner to take it. */
const SNAP_PX = 14;

function element(tag: string, className: string, text?: string, style?: Partial<CSSStyleDeclaration>): HTMLElement {
  const e = document.createElement(tag);
  e.className = className;
  if (text !== undefined) e.textContent = text;
  if (style) Object.assign(e.style, style);
  return e;
}

/** A key that changes when the map shows another place (a town admin picked another community), not when a filter hides dots. */
const placeKey = (p: SurfaceProps) => (p.frame ? JSON.stringify(p.frame) : [...p.map.communities.map((c) => c.id), ...p.map.grids.map((g) => g.id)].join());

/**
 * The h5 map on real tiles (Leaflet; this module and Leaflet are a chunk of their own, fetched only when a map page
 * draws on tiles). Every point we store is GCJ-02: with tiles in WGS-84 (天地图, OpenStreetMap) each one is moved onto
 * the tiles' datum to be drawn, and each tap moved back before it is kept (shared/mapTiles). Grids as shaded
 * outlines, wishes as dots in their kind's colour (buttons named as on the plot), the outline being drawn in blue.
 */
export default function TileMap({ tiles, ...props }: SurfaceProps & { tiles: MapTiles }) {
  const { map, selected, onSelect, drawing, pins = [] } = props;
  const box = useRef<HTMLDivElement>(null);
  const view = useRef<L.Map | null>(null);
  const drawn = useRef<L.LayerGroup | null>(null);
  const shownPlace = useRef<string | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const [tilesFailed, setTilesFailed] = useState(false);
  /** Bumped when the box changes size: a view set before it had one is fitted then. */
  const [resizes, setResizes] = useState(0);

  const onTiles = (p: LngLat): L.LatLngTuple => {
    const [lng, lat] = toTileDatum(p, tiles.datum);
    return [lat, lng];
  };

  // The map itself, once per tile set (each reply brings its own copy: compared as text, a refresh keeps the view):
  // its layers, and the tap that adds a corner while drawing.
  const tilesKey = JSON.stringify(tiles);
  useEffect(() => {
    if (!box.current) return;
    // Outlines as SVG, named outright: Leaflet's own test falls back to canvas where SVG lacks createSVGRect (jsdom).
    const m = L.map(box.current, { zoomSnap: 0.5, zoomControl: false, attributionControl: !!tiles.attribution, renderer: new L.SVG() });
    L.control.zoom({ zoomInTitle: '放大', zoomOutTitle: '缩小' }).addTo(m);
    m.attributionControl?.setPrefix(false);
    tiles.layers.forEach((url, i) => {
      L.tileLayer(url, { subdomains: tiles.subdomains, maxZoom: 19, maxNativeZoom: 18, ...(i === 0 && tiles.attribution ? { attribution: tiles.attribution } : {}) })
        .on('tileerror', () => setTilesFailed(true))
        .addTo(m);
    });
    m.on('click', (e: L.LeafletMouseEvent) => {
      const d = latest.current.drawing;
      if (!d) return;
      const toPx = (p: LngLat) => {
        const at = m.latLngToContainerPoint(onTiles(p));
        return [at.x, at.y] as const;
      };
      d.onTap(snapped([e.containerPoint.x, e.containerPoint.y], d.snapTo, toPx, SNAP_PX) ?? roundedCorner(fromTileDatum([e.latlng.lng, e.latlng.lat], tiles.datum)));
    });
    drawn.current = L.layerGroup().addTo(m);
    view.current = m;
    // Laid out late (a page sliding in, a panel opening): Leaflet measures again when its box changes size.
    const resized =
      typeof ResizeObserver === 'function'
        ? new ResizeObserver(() => {
            m.invalidateSize();
            setResizes((n) => n + 1);
          })
        : null;
    resized?.observe(box.current);
    return () => {
      resized?.disconnect();
      m.remove();
      view.current = null;
      drawn.current = null;
      shownPlace.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tilesKey]);

  // What is drawn on it, again whenever it changes.
  useEffect(() => {
    const m = view.current;
    const layer = drawn.current;
    if (!m || !layer) return;
    layer.clearLayers();
    const frame = props.frame ?? frameOf(map);
    // Nothing has a place (no outline, no wish, no community centre): nothing to draw, and nowhere to look.
    if (!frame) return;
    const place = placeKey(props);
    if (place !== shownPlace.current) {
      const bounds = L.latLngBounds([onTiles([frame.west, frame.south]), onTiles([frame.east, frame.north])]);
      const size = m.getSize();
      // Fitted once the box has a size; until then (a page still laid out) a view near enough, fitted when it has one.
      if (size.x > 0 && size.y > 0) {
        // More room above: each grid's name and counts stand over its north edge.
        m.fitBounds(bounds, { paddingTopLeft: [24, 48], paddingBottomRight: [24, 16], maxZoom: 18 });
        shownPlace.current = place;
      } else {
        m.setView(bounds.getCenter(), 16);
      }
    }

    for (const g of map.grids) {
      if (!g.boundary) continue;
      L.polygon(g.boundary.map(onTiles), {
        color: '#475569', weight: 2, dashArray: '5 3', fillColor: '#dc2626', fillOpacity: 0.06 + 0.3 * heatOf(g, map.grids), interactive: false,
      }).addTo(layer);
      const top = boundsOf(g.boundary)!.north;
      const label = element('div', 'staff-map__tile-label');
      label.append(element('b', '', g.name));
      if (!drawing) label.append(element('span', '', `待${g.counts.open} · 超时${g.counts.stalled} · 已认领${g.counts.claimed}`));
      L.marker(onTiles([ringCentre(g.boundary)[0], top]), {
        icon: L.divIcon({ html: label, className: 'staff-map__tile-label-box', iconSize: [140, drawing ? 18 : 32], iconAnchor: [70, drawing ? 20 : 34] }),
        // Under every dot: a label over a neighbour's corner must not hide a wish there.
        interactive: false, keyboard: false, zIndexOffset: -1000,
      }).addTo(layer);
    }

    for (const p of pins) {
      const pin = element('div', 'staff-map__tile-pin');
      pin.append(element('i', ''), element('span', '', p.label));
      pin.setAttribute('role', 'img');
      pin.setAttribute('aria-label', p.label);
      L.marker(onTiles(p.at), { icon: L.divIcon({ html: pin, className: 'staff-map__tile-pin-box', iconSize: [10, 10], iconAnchor: [5, 5] }), interactive: false, keyboard: false }).addTo(layer);
    }

    const corners = drawing?.corners ?? [];
    if (corners.length > 1) {
      const line = corners.map(onTiles);
      (corners.length > 2
        ? L.polygon(line, { color: DRAFT_COLOUR, weight: 3, fillColor: DRAFT_COLOUR, fillOpacity: 0.15, interactive: false })
        : L.polyline(line, { color: DRAFT_COLOUR, weight: 3, interactive: false })
      ).addTo(layer);
    }
    corners.forEach((c, i) => {
      const last = i === corners.length - 1;
      const size = last ? 12 : 10;
      const dot = element('span', 'staff-map__tile-corner', undefined, { background: last ? DRAFT_COLOUR : '#fff' });
      L.marker(onTiles(c), { icon: L.divIcon({ html: dot, className: 'staff-map__tile-corner-box', iconSize: [size, size], iconAnchor: [size / 2, size / 2] }), interactive: false, keyboard: false }).addTo(layer);
    });

    // Offsets for wishes at one spot: spread over a metre-scale plane (1 unit ≈ 1 m), then the ring in pixels.
    const metric = map.points.map((p) => [p.location.coordinates[0] * 95_000, -p.location.coordinates[1] * 111_000] as [number, number]);
    const rings = spread(metric, RING_PX);
    map.points.forEach((p, i) => {
      const urgent = p.priority === 'urgent';
      const on = p.id === selected;
      const size = on ? 20 : 16;
      const [dx, dy] = [rings[i][0] - metric[i][0], rings[i][1] - metric[i][1]];
      const dot = element('span', `staff-map__tile-dot${urgent ? ' staff-map__tile-dot--urgent' : ''}${on ? ' staff-map__tile-dot--on' : ''}`, urgent ? '急' : '', {
        background: StateColours[p.state],
      });
      const marker = L.marker(onTiles(p.location.coordinates), {
        icon: L.divIcon({ html: dot, className: 'staff-map__tile-dot-box', iconSize: [size, size], iconAnchor: [size / 2 - dx, size / 2 - dy] }),
        keyboard: true,
        zIndexOffset: urgent ? 1000 : on ? 500 : 0,
      });
      marker.on('click', () => latest.current.onSelect?.(p.id)).addTo(layer);
      const shown = marker.getElement();
      shown?.setAttribute('role', 'button');
      shown?.setAttribute('aria-label', dotLabel(p));
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, selected, onSelect, drawing, pins, props.frame, resizes]);

  return (
    <>
      <div ref={box} className={`staff-map__tiles${drawing ? ' staff-map__tiles--drawing' : ''}`} role='group' aria-label={drawing ? '网格地图：点按添加边界顶点' : '网格地图'} />
      {tilesFailed && <div className='staff-map__note'>地图底图没有加载出来（请检查瓦片地址和密钥）；网格和心愿照常显示。</div>}
    </>
  );
}
