import fs from 'node:fs';
import path from 'node:path';
import pageMountTransition, { patchPageMount, TARO_REACT_RUNTIME } from '../../client/config/pageMountTransition';

/** The h5 build's change to Taro's React runtime: a screen's first render is a transition, done in slices. */
const runtimeFile = path.join(path.dirname(require.resolve('@tarojs/plugin-framework-react/package.json')), 'dist', 'runtime.js');

test('the installed runtime mounts a screen inside startTransition, and calls back as before once it is drawn', () => {
  expect(TARO_REACT_RUNTIME.test(runtimeFile)).toBe(true);
  const patched = pageMountTransition.call({ resourcePath: runtimeFile }, fs.readFileSync(runtimeFile, 'utf8'));
  expect(patched).toMatch(/react\.startTransition\(\(\) => this\.forceUpdate\(\(\.\.\.args\) => \{\s+perf\.stop\(PAGE_INIT\);\s+return cb\(\.\.\.args\);\s+\}\)\);/);
});

test('a runtime whose mount no longer reads as expected fails the build with a reason, rather than losing the change', () => {
  const runtime = fs.readFileSync(runtimeFile, 'utf8');
  const changed = runtime.replace('perf.stop(PAGE_INIT);', 'perf.end(PAGE_INIT);');
  expect(() => patchPageMount(changed, 'runtime.js')).toThrow(/pageMountTransition\.ts: runtime\.js no longer has exactly one "this\.forceUpdate/);
});

test('the patched mount runs: React renders the screen, then the router hears it is mounted', () => {
  const calls: string[] = [];
  const source = `
    class AppWrapper {
        forceUpdate(cb) { calls.push('render'); cb('done'); }
        mount(pageComponent, id, cb) {
            this.forceUpdate((...args) => {
                perf.stop(PAGE_INIT);
                return cb(...args);
            });
        }
    }`;
  const react = { startTransition: (fn: () => void) => (calls.push('transition'), fn()) };
  const perf = { stop: () => calls.push('perf') };
  const AppWrapper = new Function('react', 'perf', 'PAGE_INIT', 'calls', `${patchPageMount(source)}; return AppWrapper;`)(react, perf, 'init', calls);
  new AppWrapper().mount(null, 'page', (arg: string) => calls.push(`mounted:${arg}`));
  expect(calls).toEqual(['transition', 'render', 'perf', 'mounted:done']);
});
