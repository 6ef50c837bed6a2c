import Taro from '@tarojs/taro';
import type { GeoPoint } from '@shared/schemas/primitives';
import { call } from './api';
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

/** The phone's position in gcj02 (wx.getLocation defaults to wgs84, which is off by hundreds of metres in China). */
export async function currentPlace(): Promise<Place> {
  try {
    const res = await Taro.getLocation({ type: 'gcj02' });
    return { point: point(res.longitude, res.latitude), label: '当前位置', source: 'gps' };
  } catch {
    return communityCentre();
  }
}

/** The map picker (gcj02). Resolves undefined when the person backs out or the platform has no picker. */
export async function pickPlace(): Promise<Place | undefined> {
  try {
    const res = await Taro.chooseLocation({});
    if (!Number.isFinite(res.longitude) || !Number.isFinite(res.latitude)) return undefined;
    return { point: point(res.longitude, res.latitude), label: res.address || res.name || '已选位置', source: 'picked' };
  } catch {
    return undefined;
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
