/**
 * Taro's h5 router renders a screen once its script has arrived. Two screens asked for in quick succession (a tap,
 * then another before the first screen has loaded; a link opened right after signing in) could finish out of order:
 * the first, arriving late, replaced the second while the address showed the second. Its guard against stale loads
 * is per path, so it only drops an older load of the same screen. Here it is made global: a load that finishes after
 * a newer one has begun is dropped, so the screen shown is always the one asked for last (tests/e2e/route-race.test.ts).
 *
 * Applied as a webpack loader to @tarojs/router's files in the h5 build. A router whose code no longer has the lines
 * this rewrites fails the build, so an upgrade cannot drop the fix silently.
 */
import { applyEdits, type Edit } from './sourcePatch';

const EDITS: readonly Edit[] = [
  ['const pageLock = {};', 'const pageLock = {};\n    let latestRender = 0;'],
  ['const currentLock = pageLock[routerPath];', 'const currentLock = pageLock[routerPath];\n        const thisRender = ++latestRender;'],
  ['if (!element || currentLock !== postLock)', 'if (!element || currentLock !== postLock || thisRender !== latestRender)'],
];

/** The router's source with the global guard; a source without the router's render is returned as it is. */
export function patchRouter(source: string, file = 'router'): string {
  if (!source.includes('const pageLock = {};') && !source.includes('pageLock[routerPath]')) return source;
  return applyEdits(source, EDITS, file, 'client/config/routerLatestWins.ts', "check whether Taro's router still shows a late screen over a newer one");
}

/** The webpack loader. */
export default function routerLatestWins(this: { resourcePath: string }, source: string): string {
  return patchRouter(source, this.resourcePath);
}

/** Which files the loader applies to. */
export const TARO_ROUTER_FILES = /[\\/]@tarojs[\\/]router[\\/]dist[\\/].*\.js$/;
