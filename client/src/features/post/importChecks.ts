import * as checks from './checks';

/**
 * The mini-program (and the tests) take the checks with the page: WeChat loads a package's code at once, and the
 * main package's size is what counts there. h5 fetches them apart: importChecks.h5.ts, which Taro's build picks.
 */
export const bundledChecks: typeof checks | undefined = checks;

export function importChecks(): Promise<typeof checks> {
  return Promise.resolve(checks);
}
