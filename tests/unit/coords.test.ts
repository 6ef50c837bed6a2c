import { wgs84ToGcj02 } from '../../shared/coords';

describe('wgs84ToGcj02: a browser’s GPS position onto the map our points use', () => {
  test('matches the published reference point (Beijing, coordtransform)', () => {
    const [lng, lat] = wgs84ToGcj02(116.404, 39.915);
    expect(lng).toBeCloseTo(116.41024449916938, 9);
    expect(lat).toBeCloseTo(39.91640428150164, 9);
  });

  test('in the demo community the shift is a few hundred metres, enough to put a wish in the wrong building', () => {
    const [lng, lat] = wgs84ToGcj02(113.9951, 31.2527);
    const dLngM = (lng - 113.9951) * 111320 * Math.cos((31.2527 * Math.PI) / 180);
    const dLatM = (lat - 31.2527) * 110574;
    const shiftM = Math.hypot(dLngM, dLatM);
    expect(shiftM).toBeGreaterThan(100);
    expect(shiftM).toBeLessThan(1000);
  });

  test('outside mainland China nothing changes', () => {
    expect(wgs84ToGcj02(-0.1276, 51.5072)).toEqual([-0.1276, 51.5072]);
  });
});
