/**
 * WGS-84 (GPS, what a browser's geolocation gives) to GCJ-02 (what WeChat's map, chooseLocation
 * and every point we store use). Inside mainland China the two differ by a few hundred metres;
 * outside it they are the same. The published GCJ-02 approximation (Krasovsky ellipsoid).
 */
const A = 6378245.0;
const EE = 0.006693421622965943;

function outsideChina(lng: number, lat: number): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function shiftLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function shiftLng(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
}

/** [lng, lat] in WGS-84 → [lng, lat] in GCJ-02. */
export function wgs84ToGcj02(lng: number, lat: number): [number, number] {
  if (outsideChina(lng, lat)) return [lng, lat];
  let dLat = shiftLat(lng - 105.0, lat - 35.0);
  let dLng = shiftLng(lng - 105.0, lat - 35.0);
  const radLat = (lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  dLng = (dLng * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [lng + dLng, lat + dLat];
}

/**
 * [lng, lat] in GCJ-02 → WGS-84, the inverse of `wgs84ToGcj02` by fixed-point iteration (the shift varies
 * slowly, so a few rounds bring the round trip within a millimetre). For replies in WGS-84 (Open311's lat/long).
 */
export function gcj02ToWgs84(lng: number, lat: number): [number, number] {
  let [x, y] = [lng, lat];
  for (let i = 0; i < 6; i++) {
    const [gx, gy] = wgs84ToGcj02(x, y);
    x -= gx - lng;
    y -= gy - lat;
  }
  return [x, y];
}
