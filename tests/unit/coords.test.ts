import { gcj02ToWgs84, wgs84ToGcj02 } from '../../shared/coords';

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

describe('gcj02ToWgs84: our stored points back onto GPS (Open311 replies in WGS-84)', () => {
  test('undoes wgs84ToGcj02 to within a millimetre in the demo community and in Beijing', () => {
    for (const [lng, lat] of [[113.9951, 31.2527], [116.404, 39.915], [110.1125, 32.8093]]) {
      const [x, y] = gcj02ToWgs84(...wgs84ToGcj02(lng, lat));
      expect(Math.abs(x - lng)).toBeLessThan(1e-8);
      expect(Math.abs(y - lat)).toBeLessThan(1e-8);
    }
  });

  test('outside mainland China nothing changes', () => {
    expect(gcj02ToWgs84(-0.1276, 51.5072)).toEqual([-0.1276, 51.5072]);
  });
});
