import fs from 'node:fs';
import path from 'node:path';
import routerLatestWins, { patchRouter, TARO_ROUTER_FILES } from '../../client/config/routerLatestWins';

/** The h5 build's fix to Taro's router: a screen that finishes loading after a newer one was asked for is not shown. */
const routerDist = path.join(path.dirname(require.resolve('@tarojs/router/package.json')), 'dist');
const routerFiles = ['index.cjs.js', 'index.esm.js', path.join('router', 'spa.js')].map((f) => path.join(routerDist, f));

test.each(routerFiles)('the installed router (%s) gets the global guard: every render takes a turn and only the latest may show its screen', (file) => {
  expect(TARO_ROUTER_FILES.test(file)).toBe(true);
  const patched = routerLatestWins.call({ resourcePath: file }, fs.readFileSync(file, 'utf8'));
  expect(patched).toContain('let latestRender = 0;');
  expect(patched).toContain('const thisRender = ++latestRender;');
  expect(patched).toContain('if (!element || currentLock !== postLock || thisRender !== latestRender)');
});

test('files of the router without its render pass through unchanged', () => {
  const api = fs.readFileSync(path.join(routerDist, 'api.js'), 'utf8');
  expect(patchRouter(api)).toBe(api);
});

test('a router whose render no longer reads as expected fails the build with a reason, rather than losing the fix', () => {
  const spa = fs.readFileSync(path.join(routerDist, 'router', 'spa.js'), 'utf8');
  const changed = spa.replace('if (!element || currentLock !== postLock)', 'if (!element || currentLock < postLock)');
  expect(() => patchRouter(changed, 'spa.js')).toThrow(/spa\.js no longer has exactly one "if \(!element \|\| currentLock !== postLock\)"/);
});

test('the guard keeps only the newest of two overlapping renders', async () => {
  // The patched render's own logic, run: two renders start, the first finishes last and must not show.
  const shown: string[] = [];
  const source = `
    const pageLock = {};
    async function render(routerPath, arrives) {
        pageLock[routerPath] = typeof pageLock[routerPath] === 'number' ? pageLock[routerPath] + 1 : 1;
        const currentLock = pageLock[routerPath];
        const element = await arrives;
        const postLock = pageLock[routerPath];
        if (!element || currentLock !== postLock) return;
        show(element);
    }`;
  const render = new Function('show', `${patchRouter(source)}; return render;`)((s: string) => shown.push(s)) as (p: string, a: Promise<string>) => Promise<void>;
  let arriveHome!: (s: string) => void;
  const home = render('/home', new Promise((r) => (arriveHome = r)));
  await render('/org', Promise.resolve('org'));
  arriveHome('home');
  await home;
  expect(shown).toEqual(['org']);
});
