/**
 * The h5 build's `platform` (client/config/h5/lazyPlatform.js, aliased in client/config/index.ts): Taro's photo
 * APIs bring the package to every screen that can attach a photo, and it parses the user agent as it loads;
 * ours parses on the first read and then answers as the package does.
 */
/** The part of the package's object Taro and this test read. */
interface Platform {
  name?: string;
  manufacturer?: string;
  product?: string;
  os?: { family?: string; toString(): string };
  parse(ua: string): Platform;
}

test('the h5 build parses the user agent only when Taro first reads the platform, and reads it as the package does', () => {
  const real = jest.requireActual<Platform>('platform/platform.js');
  let loads = 0;
  jest.isolateModules(() => {
    jest.doMock('platform/platform.js', () => {
      loads += 1;
      return real;
    });
    const lazy = (require('../../client/config/h5/lazyPlatform.js') as { default: Platform }).default;
    expect(loads).toBe(0);

    // What Taro's getDeviceInfo reads (@tarojs/taro-h5 api/base/system.js).
    expect(lazy.os?.family).toBe(real.os?.family);
    expect(String(lazy.os)).toBe(String(real.os));
    expect(lazy.manufacturer).toBe(real.manufacturer);
    expect(lazy.product).toBe(real.product);
    expect(lazy.name).toBe(real.name);
    expect(lazy.parse('Mozilla/5.0 (iPhone; CPU iPhone OS 16_0 like Mac OS X) AppleWebKit/605.1.15').os?.family).toBe('iOS');
    expect(loads).toBe(1);
  });
});
