/**
 * @jest-environment jsdom
 */
// jsdom: miniprogram-simulate renders the compiled pages into a DOM.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { CreateWishInput } from '@shared/actions/wishes';
import { bootWeapp, type OpenPage } from './shim';

const root = path.join(__dirname, '..', '..');
const dist = path.join(root, 'dist', 'weapp');

if (!fs.existsSync(path.join(dist, 'app.json'))) {
  throw new Error('dist/weapp/app.json is missing: build the mini-program first (npm run build:weapp:local; npm test does it before jest).');
}

describe('the compiled mini-program', () => {
  it('declares location privacy and keeps helper and staff screens in sub-packages', () => {
    const app = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'));
    expect(app.requiredPrivateInfos).toEqual(expect.arrayContaining(['getLocation', 'chooseLocation']));
    expect(app.permission['scope.userLocation'].desc).toBeTruthy();
    expect(app.subPackages.map((p: { root: string }) => p.root)).toEqual(expect.arrayContaining(['packages/helper']));
    for (const page of app.pages) expect(fs.existsSync(path.join(dist, `${page}.wxml`))).toBe(true);
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

describe('posting a wish in the compiled mini-program (miniprogram-simulate)', () => {
  let mp: ReturnType<typeof bootWeapp>;
  let page: OpenPage;
  beforeAll(() => {
    mp = bootWeapp(dist);
  });

  const signInAsResident = () => {
    mp.storage.clear();
    mp.storage.set('xy.token', 'smoke');
    mp.storage.set('xy.session', { user: { id: 'u1', name: '张阿姨', memberships: [{ communityId: 'c1', roles: ['resident'] }] }, activeRole: 'resident' });
  };
  const wishCalls = () => mp.calls.filter((c) => c.fn === 'wishes');

  beforeEach(async () => {
    signInAsResident();
    for (const log of [mp.calls, mp.toasts, mp.navigations, mp.invalidUrls]) log.length = 0;
    mp.respondWith(() => undefined);
    page = await mp.open('pages/post/index');
    // With no building on file and no server, the place falls back to the community centre.
    await page.until(() => page.text().includes('社区中心'), 'the place is filled in');
  });
  afterEach(() => page.close());

  it('boots the app and shows the form: what help is needed, the categories, and the submit button', () => {
    expect(mp.app()).toBeTruthy();
    const text = page.text();
    expect(text).toContain('需要什么帮助');
    for (const category of ['生活帮扶', '就医出行', '法律援助', '维修']) expect(text).toContain(category);
    expect(text).toContain('标题');
    expect(text).toContain('详细描述');
    expect(text).toContain('提交心愿');
    expect(text).not.toContain('请选择心愿类别');
  });

  it('says what is missing when 提交心愿 is tapped on an empty form, sends nothing, and clears the category error once one is chosen', async () => {
    page.tap('提交心愿');
    await page.until(() => page.text().includes('请选择心愿类别'), 'the category error shows');
    expect(page.text()).toMatch(/还有 \d+ 处需要修改/);
    expect(wishCalls()).toHaveLength(0);

    page.tap('就医出行');
    await page.until(() => !page.text().includes('请选择心愿类别'), 'the category error goes away');
    expect(wishCalls()).toHaveLength(0);
  });

  it('shows what the resident types in the title and the description', async () => {
    page.type('陪同去医院打疫苗', '想请人陪我去打流感疫苗');
    page.type('什么时间', '周三上午，卫生院二楼');
    await page.until(() => page.valueOf('陪同去医院打疫苗') === '想请人陪我去打流感疫苗', 'the title shows what was typed');
    await page.until(() => page.valueOf('什么时间') === '周三上午，卫生院二楼', 'the description shows what was typed');
  });

  it('sends one wishes.create with what was entered, then thanks the resident and opens the new wish', async () => {
    mp.respondWith((call) =>
      call.fn === 'wishes' && call.action === 'create'
        ? { ok: true, data: { wish: { id: 'w-smoke', status: 'pending_review', ...call.data } } }
        : undefined,
    );
    page.tap('就医出行');
    page.type('陪同去医院打疫苗', '想请人陪我去打流感疫苗');
    page.type('什么时间', '周三上午，卫生院二楼，我腿脚不便需要有人扶');
    page.tap('地图选点');
    await page.until(() => page.text().includes('白河县城关镇'), 'the picked place shows');

    page.tap('提交心愿');
    await page.until(() => mp.navigations.length > 0, 'the page moves on');

    expect(wishCalls()).toHaveLength(1);
    const [create] = wishCalls();
    expect(create).toMatchObject({
      action: 'create',
      requestId: expect.any(String),
      data: {
        category: 'medical_trip',
        title: '想请人陪我去打流感疫苗',
        description: '周三上午，卫生院二楼，我腿脚不便需要有人扶',
        location: { type: 'Point', coordinates: [110.12, 32.81] },
        address: '白河县城关镇',
      },
    });
    expect(CreateWishInput.safeParse(create.data).success).toBe(true);
    expect(mp.toasts).toContain('提交成功，等待社区审核');
    expect(mp.navigations).toEqual([{ api: 'redirectTo', url: '/pages/wish/index?id=w-smoke' }]);
  });

  it('calls the server at an absolute address, as WeChat requires (a relative URL is refused with request:fail invalid url)', async () => {
    mp.respondWith(() => undefined);
    page.tap('就医出行');
    page.type('陪同去医院打疫苗', '想请人陪我去打流感疫苗');
    page.type('什么时间', '周三上午，卫生院二楼');
    page.tap('地图选点');
    await page.until(() => page.text().includes('白河县城关镇'), 'the picked place shows');
    page.tap('提交心愿');
    await page.until(() => wishCalls().some((c) => c.action === 'create') || mp.invalidUrls.length > 0, 'the form tried to send');
    expect(mp.invalidUrls).toEqual([]);
    expect(wishCalls().map((c) => c.action)).toContain('create');
  });
});
