import * as checks from './proxyChecks';

/**
 * The mini-program (and the tests) take the checks with the page: WeChat loads a package's code at once.
 * h5 fetches them apart: importProxyChecks.h5.ts, which Taro's build picks.
 */
export const bundledChecks: typeof checks | undefined = checks;

export function importChecks(): Promise<typeof checks> {
  return Promise.resolve(checks);
}
