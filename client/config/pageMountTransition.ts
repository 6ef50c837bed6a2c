/**
 * Taro's h5 app draws a screen it has just loaded with one forceUpdate of its app root: React renders the whole
 * screen in one go, a single long task (25-45 ms of a desktop core for 统计看板 or 代录心愿, 4× that on Lighthouse's
 * phone: issue 16's blocking time). Marked as a transition, the same render is done in slices of a few milliseconds
 * with the browser free in between, and committed at once when complete, so nothing half-drawn is ever shown.
 *
 * Applied as a webpack loader to @tarojs/plugin-framework-react's runtime in the h5 build (the mini-program is drawn
 * by WeChat, not by this thread). A runtime whose mount no longer reads as expected fails the build.
 */
import { applyEdits, type Edit } from './sourcePatch';

const MOUNT = `this.forceUpdate((...args) => {
                perf.stop(PAGE_INIT);
                return cb(...args);
            });`;

const EDITS: readonly Edit[] = [[MOUNT, `react.startTransition(() => ${MOUNT.slice(0, -1)});`]];

/** The runtime's source with the screen's first render as a transition. */
export function patchPageMount(source: string, file = 'runtime.js'): string {
  return applyEdits(source, EDITS, file, 'client/config/pageMountTransition.ts', "check how Taro's React runtime mounts a page");
}

/** The webpack loader. */
export default function pageMountTransition(this: { resourcePath: string }, source: string): string {
  return patchPageMount(source, this.resourcePath);
}

/** The file the loader applies to. */
export const TARO_REACT_RUNTIME = /[\\/]@tarojs[\\/]plugin-framework-react[\\/]dist[\\/]runtime\.js$/;
