import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { findNode, findWhere, loadWeapp, textOf } from './shim';

const root = path.join(__dirname, '..', '..');
const dist = path.join(root, 'dist', 'weapp');

beforeAll(() => {
  if (!fs.existsSync(path.join(dist, 'app.json'))) {
    throw new Error('dist/weapp/app.json is missing: build the mini-program first (npm run build:weapp; npm test does it before jest).');
  }
});

const settle = () => new Promise((r) => setTimeout(r, 300));

describe('the compiled mini-program', () => {
  it('declares location privacy and keeps helper and staff screens in sub-packages', () => {
    const app = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'));
    expect(app.requiredPrivateInfos).toEqual(expect.arrayContaining(['getLocation', 'chooseLocation']));
    expect(app.permission['scope.userLocation'].desc).toBeTruthy();
    expect(app.subPackages.map((p: { root: string }) => p.root)).toEqual(expect.arrayContaining(['packages/helper']));
    for (const page of app.pages) expect(fs.existsSync(path.join(dist, `${page}.wxml`))).toBe(true);
  });

  it('boots, renders the posting form, and reacts to taps', async () => {
    const mp = loadWeapp(dist);
    expect(mp.app()).toBeTruthy();
    mp.storage.set('xy.token', 'smoke');
    mp.storage.set('xy.session', { user: { id: 'u1', name: '张阿姨', memberships: [{ communityId: 'c1', roles: ['resident'] }] }, activeRole: 'resident' });

    const page = mp.open('pages/post/index');
    await settle();
    const tree = (page.data as { root?: unknown }).root;
    const text = textOf(tree);
    expect(text).toContain('需要什么帮助');
    expect(text).toContain('就医出行');
    expect(text).toContain('提交心愿');

    // Tap submit on the empty form: the inline errors appear, nothing is sent.
    const submit = findNode(tree, '提交心愿');
    expect(submit).toBeTruthy();
    page.options.eh.call(page, { type: 'tap', currentTarget: { id: submit.sid, dataset: {} }, target: { id: submit.sid, dataset: {} }, detail: {} });
    await settle();
    expect(textOf((page.data as { root?: unknown }).root)).toContain('请选择心愿类别');

    // Tap a category: its error goes away.
    const category = findWhere((page.data as { root?: unknown }).root, (n) => n.role === 'radio' && textOf(n).includes('就医出行'));
    page.options.eh.call(page, { type: 'tap', currentTarget: { id: category.sid, dataset: {} }, target: { id: category.sid, dataset: {} }, detail: {} });
    await settle();
    expect(textOf((page.data as { root?: unknown }).root)).not.toContain('请选择心愿类别');
    expect(mp.requests.filter((r) => r.url.includes('wishes'))).toHaveLength(0);
 
    // Type a title and a description, the way the WeChat view layer reports input. Taro's compiled
    // tree shortens attribute names (placeholder becomes p13, value p25), so match on the values.
    const hasProp = (n: Record<string, unknown>, test: (v: string) => boolean) =>
      typeof n.v !== 'string' && Object.entries(n).some(([k, v]) => /^p\d+$/.test(k) && typeof v === 'string' && test(v));
    const type = (placeholder: string, value: string) => {
      const input = findWhere((page.data as { root?: unknown }).root, (n) => hasProp(n, (v) => v.includes(placeholder)));
      expect(input).toBeTruthy();
      page.options.eh.call(page, { type: 'input', currentTarget: { id: input.sid, dataset: {} }, target: { id: input.sid, dataset: {} }, detail: { value } });
    };
    type('陪同去医院打疫苗', '想请人陪我去打流感疫苗');
    type('什么时间', '周三上午，卫生院二楼');
    await settle();
    for (const value of ['想请人陪我去打流感疫苗', '周三上午，卫生院二楼']) {
      expect(findWhere((page.data as { root?: unknown }).root, (n) => hasProp(n, (v) => v === value))).toBeTruthy();
    }
  });

  it("compiles every page's wxml with the shipped wcc, and every page has its js, wxml and json", () => {
    const app = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8')) as { pages: string[]; subPackages?: { root: string; pages: string[] }[] };
    const pages = [...app.pages, ...(app.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root.replace(/\/$/, '')}/${page}`))];
    for (const page of pages) {
      for (const ext of ['js', 'wxml', 'json']) expect([page, ext, fs.existsSync(path.join(dist, `${page}.${ext}`))]).toEqual([page, ext, true]);
    }
    const { wxmlToJs } = require('miniprogram-compiler') as { wxmlToJs: (root: string) => string };
    // The compiled templates expect the view layer's globals; an empty window and __wxAppCode__ do.
    const $gwx = vm.runInNewContext(`(function () {${wxmlToJs(dist)}})()`, { window: {}, __wxAppCode__: {}, console }) as (file: string) => unknown;
    expect(typeof $gwx).toBe('function');
    for (const page of pages) expect([page, typeof $gwx(`${page}.wxml`)]).toEqual([page, 'function']);
  });
});
