import Taro from '@tarojs/taro';
import { wgs84ToGcj02 } from '@shared/coords';
import type { GeoPoint } from '@shared/schemas/primitives';
import { call } from './api';
import { isH5 } from './platform';
import { membership } from './session';

/** Where the demo community sits (白河县城关镇), used when nothing better is known. */
export const FALLBACK_CENTRE: GeoPoint = { type: 'Point', coordinates: [110.1146, 32.8094] };

export interface Place {
  point: GeoPoint;
  label: string;
  /** Where it came from, so the UI can say "按社区中心排序" when GPS was refused. */
  source: 'gps' | 'picked' | 'building' | 'community';
}

const point = (lng: number, lat: number): GeoPoint => ({ type: 'Point', coordinates: [lng, lat] });

function geoOf(value: GeoPoint | undefined): GeoPoint | undefined {
  if (!value) return undefined;
  const [lng, lat] = value.coordinates;
  return Number.isFinite(lng) && Number.isFinite(lat) ? point(lng, lat) : undefined;
}

/** The community's centre from the server, else the fallback. */
export async function communityCentre(): Promise<Place> {
  try {
    const { community } = await call('org', 'community', {});
    const p = geoOf(community?.location);
    if (community && p) return { point: p, label: community.name, source: 'community' };
  } catch {
    // fall through: a missing centre must not block the task hall
  }
  return { point: FALLBACK_CENTRE, label: '社区中心', source: 'community' };
}

/**
 * The device's position in gcj02, as every stored point is. WeChat converts when asked (its
 * default, wgs84, is off by hundreds of metres in China); a browser only knows wgs84 (Taro's h5
 * getLocation refuses gcj02 outright), so we convert it ourselves. Undefined when refused.
 */
export async function devicePlace(): Promise<Place | undefined> {
  try {
    if (isH5) {
      const res = await Taro.getLocation({ type: 'wgs84' });
      const [lng, lat] = wgs84ToGcj02(res.longitude, res.latitude);
      return { point: point(lng, lat), label: '当前位置', source: 'gps' };
    }
    const res = await Taro.getLocation({ type: 'gcj02' });
    return { point: point(res.longitude, res.latitude), label: '当前位置', source: 'gps' };
  } catch {
    return undefined;
  }
}

/** Where the person is, else the community's centre (the hall still sorts by something). */
export async function currentPlace(): Promise<Place> {
  return (await devicePlace()) ?? communityCentre();
}

/**
 * What came of "地图选点": a place, and/or a `notice` to show. A person backing out of the map
 * gets neither; a map that cannot open (h5 without a Tencent map key) never fails silently: the
 * browser's own position stands in, said so, or the notice says what to do instead.
 */
export interface PickOutcome {
  place?: Place;
  notice?: string;
}

const NO_MAP_KEY = /LOCATION_APIKEY|not support|no such api|not supported/i;

export async function pickPlace(): Promise<PickOutcome> {
  try {
    const res = await Taro.chooseLocation({});
    if (!Number.isFinite(res.longitude) || !Number.isFinite(res.latitude)) return {};
    return { place: { point: point(res.longitude, res.latitude), label: res.address || res.name || '已选位置', source: 'picked' } };
  } catch (err) {
    const why = String((err as { errMsg?: unknown } | null)?.errMsg ?? err);
    // A cancel is the person's choice; only a picker that cannot open needs the fallback.
    if (!NO_MAP_KEY.test(why)) return {};
    const here = await devicePlace();
    if (here) return { place: { ...here, label: '当前位置（浏览器定位）' }, notice: '此处无法打开地图，已改用您当前的位置；如不在服务地点，请在详细地址中写明。' };
    return { notice: '此处无法打开地图，也未能获取您的位置。请在“详细地址”中写明服务地点，社区会核对。' };
  }
}

/** The resident's own building, when the community has placed it on the map. */
export async function myBuildingPlace(): Promise<Place | undefined> {
  const buildingId = membership()?.buildingId;
  if (!buildingId) return undefined;
  try {
    const reply = await call('org', 'buildings', {});
    const b = reply.items.find((x) => x.id === buildingId);
    const p = geoOf(b?.location);
    if (b && p) return { point: p, label: b.name || '我的楼栋', source: 'building' };
  } catch {
    // no building location: the form falls back to the community centre
  }
  return undefined;
}

/**
 * Shows a stored place (gcj02, as WeChat's maps expect) in a map app. WeChat opens its own map with
 * 导航 in it; a browser has no such map without a key, so it goes to Tencent Maps' public marker page,
 * which offers the route from there.
 */
export async function openPlace(place: GeoPoint, name: string, address?: string): Promise<void> {
  const [longitude, latitude] = place.coordinates;
  if (isH5) {
    const marker = `coord:${latitude},${longitude};title:${name};addr:${address ?? name}`;
    // A tab of its own: the task page stays where it was when the helper comes back.
    window.open(`https://apis.map.qq.com/uri/v1/marker?marker=${encodeURIComponent(marker)}&referer=xinyuan`, '_blank');
    return;
  }
  await Taro.openLocation({ latitude, longitude, name, ...(address ? { address } : {}), scale: 17 });
}
