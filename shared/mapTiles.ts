import { gcj02ToWgs84, wgs84ToGcj02 } from './coords';
import type { LngLat } from './geometry';

/**
 * The datum a tile service draws in. Every point we store is GCJ-02 (shared/coords): 高德 and 腾讯 tiles are drawn
 * in it too, 天地图 in CGCS2000 (within centimetres of WGS-84), OpenStreetMap in WGS-84. Drawn on the wrong one, a
 * wish sits a few hundred metres from its door.
 */
export type TileDatum = 'gcj02' | 'wgs84';
export const TileDatums = ['gcj02', 'wgs84'] as const;

/**
 * The h5 map's background, as the server's environment configures it (XINYUAN_MAP_TILES) and the map replies hand
 * it to the browser: tile URL templates in Leaflet's form ({z}/{x}/{y}, {s} for a subdomain), drawn one over the
 * other (天地图 sends roads and their names as two layers), with the key the service issued in the URL. The key
 * necessarily reaches the browser that fetches the tiles: a browser key, limited to the site's domain at the service.
 */
export interface MapTiles {
  layers: string[];
  /** What {s} stands for, one character each (天地图 t0–t7: "01234567"). */
  subdomains: string;
  datum: TileDatum;
  /** The credit the service asks to be shown (e.g. "© 天地图"). */
  attribution?: string;
}

/** Hosts whose datum is known, so the usual services need no second variable. */
const KNOWN_DATUMS: [RegExp, TileDatum][] = [
  [/(^|\.)tianditu\.gov\.cn$/, 'wgs84'],
  [/(^|\.)openstreetmap\.org$/, 'wgs84'],
  [/(^|\.)autonavi\.com$/, 'gcj02'],
  [/(^|\.)(map\.qq\.com|map\.gtimg\.com)$/, 'gcj02'],
];

const PLACEHOLDERS = new Set(['z', 'x', 'y', '-y', 's', 'r']);

/** A subdomain range as OpenLayers writes it, `t{0-7}` or `{a-c}`: the characters it spans. */
function rangeOf(from: string, to: string): string | null {
  const [a, b] = [from.charCodeAt(0), to.charCodeAt(0)];
  if (b < a || b - a > 25) return null;
  return Array.from({ length: b - a + 1 }, (_, i) => String.fromCharCode(a + i)).join('');
}

/**
 * The tiles `XINYUAN_MAP_TILES` (and `…_DATUM`, `…_ATTRIBUTION`) describe, or why they can't be used (a sentence
 * naming the variable). Templates are separated by spaces; a subdomain is `{s}` (a, b, c) or a range `{0-7}`.
 */
export function mapTilesOf(templates: string, datum?: string, attribution?: string): { tiles: MapTiles } | { problem: string; variable: string } {
  const fail = (problem: string, variable = 'XINYUAN_MAP_TILES') => ({ problem, variable });
  const given = templates.trim().split(/\s+/).filter(Boolean);
  if (given.length === 0) return fail('应为地图瓦片地址模板');
  let subdomains: string | undefined;
  const layers: string[] = [];
  const hosts: string[] = [];
  for (const raw of given) {
    let url = raw;
    const range = /\{([0-9a-z])-([0-9a-z])\}/.exec(url);
    if (range) {
      const chars = rangeOf(range[1], range[2]);
      if (!chars) return fail(`的子域名范围 ${range[0]} 无效`);
      if (subdomains !== undefined && subdomains !== chars) return fail('的各层子域名范围应相同');
      subdomains = chars;
      url = url.replace(range[0], '{s}');
    }
    if (!/^https?:\/\/[^\s/?#]+/.test(url)) return fail('应为 http:// 或 https:// 开头的瓦片地址模板');
    for (const p of ['{z}', '{x}']) if (!url.includes(p)) return fail(`的瓦片地址应含 ${p}`);
    if (!url.includes('{y}') && !url.includes('{-y}')) return fail('的瓦片地址应含 {y}');
    const unknown = [...url.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]).find((name) => !PLACEHOLDERS.has(name));
    if (unknown !== undefined) return fail(`的瓦片地址含未知占位符 {${unknown}}（可用 {z} {x} {y} {-y} {s} {r}，子域名范围如 {0-7}）`);
    layers.push(url);
    hosts.push(new URL(url.replace(/\{[^}]*\}/g, '0')).hostname);
  }
  const wanted = datum?.trim().toLowerCase();
  let chosen: TileDatum | undefined;
  if (wanted) {
    if (!(TileDatums as readonly string[]).includes(wanted)) return fail('只能是 gcj02（高德、腾讯）或 wgs84（天地图、OpenStreetMap）', 'XINYUAN_MAP_TILES_DATUM');
    chosen = wanted as TileDatum;
  } else {
    const known = hosts.map((h) => KNOWN_DATUMS.find(([re]) => re.test(h))?.[1]);
    if (known.some((d) => d === undefined) || new Set(known).size !== 1) {
      return fail('未设置，无法从瓦片地址判断坐标系：gcj02（高德、腾讯）或 wgs84（天地图、OpenStreetMap）', 'XINYUAN_MAP_TILES_DATUM');
    }
    chosen = known[0];
  }
  const credit = attribution?.trim();
  return { tiles: { layers, subdomains: subdomains ?? 'abc', datum: chosen!, ...(credit ? { attribution: credit } : {}) } };
}

/** A stored (GCJ-02) point where the tiles draw it. */
export function toTileDatum(p: LngLat, datum: TileDatum): [number, number] {
  return datum === 'wgs84' ? gcj02ToWgs84(p[0], p[1]) : [p[0], p[1]];
}

/** A point tapped on the tiles, as we store it (GCJ-02). */
export function fromTileDatum(p: LngLat, datum: TileDatum): [number, number] {
  return datum === 'wgs84' ? wgs84ToGcj02(p[0], p[1]) : [p[0], p[1]];
}
