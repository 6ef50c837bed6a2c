/**
 * @jest-environment jsdom
 */
// jsdom: miniprogram-simulate renders the compiled pages into a DOM.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { userOf } from '@shared/pageUsers';
import { AllPages, type PagePath } from '@shared/routes';
import type { Role } from '@shared/vocab/roles';
import { spawnGateway, urlOf, type GatewayProcess } from '../integration/processes';
import { encode } from 'uqr';
import { attrOf, bootWeapp, type OpenPage, type RenderedNode } from './shim';

/**
 * Every page of the compiled mini-program, opened as the person it is for, against a real server at
 * the address the build itself calls (nothing rewritten: a relative URL fails here as in WeChat).
 * The page list and who uses each page come from the route table, so a new page is walked too.
 */
const dist = path.join(__dirname, '..', '..', 'dist', 'weapp');
if (!fs.existsSync(path.join(dist, 'app.json'))) {
  throw new Error('dist/weapp/app.json is missing: build the mini-program first (npm run build:weapp:local; npm test does it before jest).');
}

/** The server address compiled into the build (TARO_APP_API_BASE): a local build's loopback address. */
function builtApiBase(): URL {
  const found = new Set<string>();
  for (const file of fs.readdirSync(dist, { recursive: true }) as string[]) {
    if (!file.endsWith('.js')) continue;
    for (const m of fs.readFileSync(path.join(dist, file), 'utf8').matchAll(/["'](http:\/\/(?:127\.0\.0\.1|localhost):\d+)["']/g)) found.add(m[1]);
  }
  if (found.size !== 1) throw new Error(`expected one loopback server address in dist/weapp (npm run build:weapp:local), found: ${[...found].join(', ') || 'none'}`);
  return new URL([...found][0]);
}

let server: GatewayProcess;
let mp: ReturnType<typeof bootWeapp>;
/** Sign-ins by demo account (`dev-login`'s `as`: a role's own person, or one such as `elder`). */
const tokens = new Map<string, { token: string; refreshToken?: string; user: unknown }>();

/**
 * Listens where the build calls. The port is fixed by the build, so a second suite (or a second
 * checkout's run) that holds it is waited for rather than fought over.
 */
async function serveAt(base: URL): Promise<GatewayProcess> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-weapp-'));
  const deadline = Date.now() + 180_000;
  for (;;) {
    const gw = spawnGateway({ PORT: base.port, HOST: base.hostname, XINYUAN_DB_PATH: dir, CRON_INTERVAL_MS: '0', LOG_REQUESTS: '0' });
    try {
      await urlOf(gw);
      return gw;
    } catch (err) {
      await gw.stop();
      if (!/EADDRINUSE/.test(String(err)) || Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}

async function api<T = unknown>(pathname: string, body: object, token?: string): Promise<T> {
  const res = await fetchJson(pathname, body, token);
  if (!res.ok) throw new Error(`${pathname} ${JSON.stringify(body)}: ${JSON.stringify(res.error)}`);
  return res.data as T;
}

function fetchJson(pathname: string, body: object, token?: string): Promise<{ ok: boolean; data?: unknown; error?: unknown }> {
  const http = require('node:http') as typeof import('node:http');
  const base = builtApiBase();
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(pathname, base), { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve(JSON.parse(text)));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

async function signIn(as: string) {
  if (!tokens.has(as)) tokens.set(as, await api('/api/auth/dev-login', { as }));
  return tokens.get(as)!;
}


async function callAs<T = unknown>(as: string, fn: string, action: string, data: object = {}): Promise<T> {
  return api<T>(`/api/fn/${fn}`, { action, data }, (await signIn(as)).token);
}

beforeAll(async () => {
  server = await serveAt(builtApiBase());
}, 240_000);

afterAll(async () => {
  await server?.stop();
});

/** A fresh launch of the app on a phone signed in as `role` (or signed out), talking to the server. */
async function launchAs(role: Role | null) {
  const stored: Record<string, unknown> = {};
  if (role) {
    const auth = await signIn(role);
    Object.assign(stored, { 'xy.token': auth.token, 'xy.session': { user: auth.user, activeRole: role } }, auth.refreshToken ? { 'xy.refresh': auth.refreshToken } : {});
  }
  jest.resetModules();
  mp = bootWeapp(dist, { storage: stored });
  mp.useServer();
  launchedAs = role;
}
let launchedAs: Role | null | undefined;

/** The seeded wishes the walk opens, by title. */
const seeded = { toConfirm: '搬运旧家具到楼下', open: '给视力不好的老人读报', claimed: '帮忙代购蔬菜和药品', pending: '燃气管道老化请检查', story: '厨房水龙头漏水请帮忙维修', activity: '老年人健康义诊' };
const ids: Record<string, string> = {};
const storyNote = '志愿者小张带着工具上门，半小时就换好了阀芯。';

async function wishIdOf(title: string, status: string): Promise<string> {
  const { items } = await callAs<{ items: { id: string; title: string }[] }>('secretary', 'dispatch', 'queue', { status, limit: 50 });
  const found = items.find((w) => w.title === title);
  if (!found) throw new Error(`the seed has no ${status} wish "${title}"`);
  return found.id;
}

beforeAll(async () => {
  ids.toConfirm = await wishIdOf(seeded.toConfirm, 'done');
  ids.open = await wishIdOf(seeded.open, 'open');
  ids.claimed = await wishIdOf(seeded.claimed, 'claimed');
  // A published 微故事, as a forwarded link opens it.
  const told = await wishIdOf(seeded.story, 'confirmed');
  const { story } = await callAs<{ story: { id: string } }>('secretary', 'stories', 'draft', { wishId: told, note: storyNote });
  await callAs('resident2', 'stories', 'consent', { storyId: story.id, consent: true });
  await callAs('secretary', 'stories', 'publish', { storyId: story.id });
  ids.story = story.id;
  const { items } = await callAs<{ items: { id: string; title: string }[] }>('volunteer', 'activities', 'list', {});
  ids.activity = items.find((a) => a.title === seeded.activity)!.id;
}, 60_000);

/**
 * What a page is opened with and what it must show once loaded. A page not listed here (a new one)
 * opens without parameters and is held to the checks every page is: something on screen, every
 * request answered without an error, no error message shown.
 */
const visits: Partial<Record<PagePath, { query?: () => Record<string, string>; shows: string[] }>> = {
  'pages/login/index': { shows: ['微信一键登录'] },
  'pages/verify/index': { shows: ['志愿服务证明核验'] },
  'pages/story/index': { query: () => ({ id: ids.story }), shows: [seeded.story, storyNote] },
  'pages/home/index': { shows: ['发布心愿', seeded.toConfirm] },
  'pages/post/index': { shows: ['需要什么帮助', '提交心愿'] },
  'pages/wish/index': { query: () => ({ id: ids.toConfirm }), shows: [seeded.toConfirm, '确认已完成'] },
  'pages/wall/index': { shows: ['心愿墙'] },
  'pages/inbox/index': { shows: ['心愿审核通过'] },
  'pages/me/index': { shows: ['胡秀兰', '当前身份：居民'] },
  'pages/join/index': { shows: ['邀请码'] },
  'packages/helper/pages/hall/index': { shows: ['任务大厅', seeded.open] },
  'packages/helper/pages/task/index': { query: () => ({ id: ids.open }), shows: [seeded.open, '我来认领'] },
  'packages/helper/pages/activity/index': { query: () => ({ id: ids.activity }), shows: [seeded.activity] },
  'packages/helper/pages/mine/index': { shows: ['帮忙代购蔬菜和药品'] },
  'packages/helper/pages/hours/index': { shows: ['累计服务时长'] },
  'packages/helper/pages/points/index': { shows: ['积分明细'] },
  'packages/helper/pages/unit/index': { shows: ['楼梯扶手松动'] },
  'packages/staff/pages/index/index': { shows: ['审核派单', '代录心愿'] },
  'packages/staff/pages/review/index': { shows: [seeded.pending] },
  'packages/staff/pages/board/index': { shows: ['待审核', seeded.pending] },
  // 收回 is opened from a wish's page, for that wish: one a volunteer has claimed.
  'packages/staff/pages/recall/index': { query: () => ({ id: ids.claimed }), shows: [seeded.claimed] },
  'packages/staff/pages/escalations/index': { shows: ['上报社区'] },
  'packages/staff/pages/dashboard/index': { shows: ['本期收集'] },
  'packages/staff/pages/org/index': { shows: ['组织架构'] },
  'packages/staff/pages/stories/index': { shows: ['待写成故事的心愿'] },
  'packages/staff/pages/report/index': { shows: ['月报'] },
  'packages/staff/pages/store/index': { shows: ['核销兑换码'] },
  'packages/staff/pages/proxy/index': { shows: ['来源渠道', '提交心愿'] },
};

/** What a screen says when something went wrong. */
const troubled = /加载失败|网络连接失败|暂无权限|请先登录|出错了|内容不存在/;

/** Waits until the page's requests are answered and it has been quiet a moment. */
async function settled(page: OpenPage, what: string): Promise<void> {
  let quietSince = Date.now();
  await page.until(() => {
    if (mp.inFlight() > 0) quietSince = Date.now();
    return Date.now() - quietSince > 150;
  }, what);
}

const failedExchanges = () => mp.exchanges.filter((e) => e.status !== 200 || e.reply?.ok !== true).map((e) => `${e.call?.fn}.${e.call?.action} → ${e.status} ${JSON.stringify(e.reply?.error ?? e.reply)}`);

// Grouped by who uses them: one launch of the app per person.
const walk = [...AllPages].sort((a, b) => String(userOf(a)).localeCompare(String(userOf(b))));

describe('every page of the compiled mini-program, for the person it is for, against the server', () => {
  let errors: jest.SpyInstance;
  beforeEach(() => {
    errors = jest.spyOn(console, 'error');
  });
  afterEach(() => errors.mockRestore());

  test.each(walk.map((page) => [page, userOf(page) ?? 'signed out'] as const))('%s (%s) renders its content without errors', async (page) => {
    const role = userOf(page);
    if (launchedAs !== role) await launchAs(role);
    for (const log of [mp.exchanges, mp.invalidUrls, mp.navigations]) log.length = 0;
    const visit = visits[page];
    const opened = await mp.open(page, visit?.query?.() ?? {});
    await settled(opened, 'its requests are answered');
    for (const text of visit?.shows ?? []) await opened.until(() => opened.text().includes(text), `it shows "${text}"`);

    if (page === 'pages/index/index') {
      // The entry page only decides where to go: signed out, to login.
      expect(mp.navigations.map((n) => n.url)).toContainEqual(expect.stringContaining('pages/login/index'));
    } else {
      expect(opened.text().replace(/\s/g, '').length).toBeGreaterThan(10);
    }
    expect(opened.text()).not.toMatch(troubled);
    expect(mp.invalidUrls).toEqual([]);
    expect(failedExchanges()).toEqual([]);
    expect(errors.mock.calls.map((c) => String(c[0]).slice(0, 200))).toEqual([]);
    opened.close();
  });
});


describe("the primary action of each working screen changes the server's state", () => {
  /** Opens `page` as `role` on a fresh launch, once it has loaded and shows `text`. */
  async function openAs(role: Role, page: PagePath, query: Record<string, string>, text: string): Promise<OpenPage> {
    await launchAs(role);
    const opened = await mp.open(page, query);
    await settled(opened, 'its requests are answered');
    await opened.until(() => opened.text().includes(text), `it shows "${text}"`);
    return opened;
  }
  /** A choice tapped, and shown as chosen before the next step: a person's next tap comes after the screen answers. */
  async function choose(page: OpenPage, label: string): Promise<void> {
    const before = JSON.stringify(page.tree());
    page.tap(label);
    await page.until(() => JSON.stringify(page.tree()) !== before, `"${label}" shows as chosen`);
  }
  const statusOf = async (as: string, wishId: string) => (await callAs<{ wish: { status: string } }>(as, 'wishes', 'detail', { wishId })).wish.status;

  test('post: a resident submits the form and the server holds her new wish, waiting for review', async () => {
    const title = '想请人帮忙换个灯泡';
    const page = await openAs('resident', 'pages/post/index', {}, '提交心愿');
    await choose(page, '就医出行');
    page.type('陪同去医院打疫苗', title);
    page.type('什么时间', '客厅灯泡坏了，我够不着，周末都在家');
    page.tap('提交心愿');
    await page.until(() => mp.navigations.some((n) => n.url.includes('pages/wish/index')), 'the new wish opens');
    const mine = await callAs<{ items: { id: string; title: string; status: string }[] }>('resident', 'wishes', 'mine', { limit: 50 });
    expect(mine.items.find((w) => w.title === title)).toMatchObject({ status: 'pending_review' });
    expect(failedExchanges()).toEqual([]);
    page.close();
  });

  test('wish: the resident confirms a finished service and the server marks the wish confirmed', async () => {
    const page = await openAs('resident', 'pages/wish/index', { id: ids.toConfirm }, '确认已完成');
    page.tap('确认已完成');
    await page.until(() => mp.exchanges.some((e) => e.call?.action === 'confirm'), 'the confirmation is sent');
    await settled(page, 'the server answers');
    expect(await statusOf('resident', ids.toConfirm)).toBe('confirmed');
    expect(failedExchanges()).toEqual([]);
    page.close();
  });

  test('task: a volunteer claims an open wish and the server records the claim', async () => {
    const page = await openAs('volunteer', 'packages/helper/pages/task/index', { id: ids.open }, '我来认领');
    page.tap('我来认领');
    await page.until(() => mp.exchanges.some((e) => e.call?.action === 'claim'), 'the claim is sent');
    await settled(page, 'the server answers');
    expect(await statusOf('volunteer', ids.open)).toBe('claimed');
    expect(failedExchanges()).toEqual([]);
    page.close();
  });

  test('review: the secretary approves a pending wish and the server publishes it', async () => {
    const pendingId = await wishIdOf(seeded.pending, 'pending_review');
    const page = await openAs('secretary', 'packages/staff/pages/review/index', {}, seeded.pending);
    page.tap('通过', seeded.pending);
    await page.until(() => page.text().includes('通过并发布'), 'the approval panel opens');
    page.tap('通过并发布', seeded.pending);
    await page.until(() => mp.exchanges.some((e) => e.call?.action === 'approve'), 'the approval is sent');
    await settled(page, 'the server answers');
    expect(await statusOf('secretary', pendingId)).toBe('open');
    expect(failedExchanges()).toEqual([]);
    page.close();
  });

  test('invite: the secretary makes an invite code, shown as an image of the QR code of the join page with the code', async () => {
    const page = await openAs('secretary', 'packages/staff/pages/org/index', {}, '组织架构');
    page.tap('邀请码');
    await page.until(() => page.text().includes('生成邀请码'), 'the invite form opens');
    page.tap('生成邀请码');
    await page.until(() => mp.exchanges.some((e) => e.call?.action === 'invites' && e.reply?.ok), 'the code is made');
    const code = (mp.exchanges.find((e) => e.call?.action === 'invites')!.reply.data as { code: string }).code;
    const images: string[] = [];
    const collect = (node: RenderedNode | string) => {
      if (typeof node === 'string') return;
      const src = attrOf(node, 'src');
      if (typeof src === 'string' && src.startsWith('data:image/svg+xml;base64,')) images.push(src);
      node.children.forEach(collect);
    };
    await page.until(() => {
      images.length = 0;
      collect(page.tree());
      return images.length > 0;
    }, 'its QR code shows');
    const svg = Buffer.from(images[0].slice('data:image/svg+xml;base64,'.length), 'base64').toString('ascii');
    const n = Number(/viewBox="0 0 (\d+) /.exec(svg)![1]);
    const drawn = Array.from({ length: n }, () => Array<boolean>(n).fill(false));
    for (const [, x, y, run] of /<path[^>]* d="([^"]*)"/.exec(svg)![1].matchAll(/M(\d+) (\d+)h(\d+)/g)) for (let i = 0; i < Number(run); i++) drawn[Number(y)][Number(x) + i] = true;
    // In the mini-program the code carries the join page's path and the code (services/nav inviteLink).
    const bare = encode(`pages/join/index?code=${code}`, { border: 0 }).data;
    const edge = (n - bare.length) / 2;
    expect(drawn.slice(edge, edge + bare.length).map((row) => row.slice(edge, edge + bare.length))).toEqual(bare);
    expect(page.text()).toContain(code);
    const listed = await callAs<{ items: { code: string; state: string }[] }>('secretary', 'org', 'listInvites', {});
    expect(listed.items.find((i) => i.code === code)).toMatchObject({ state: 'active' });
    expect(failedExchanges()).toEqual([]);
    page.close();
  });

  test('proxy: the grid worker enters a wish for the elder by her phone, and it is hers on the server', async () => {
    const title = '帮李奶奶取药';
    const elder = (await signIn('elder')).user as { id: string; name: string; phone?: string };
    const page = await openAs('grid_worker', 'packages/staff/pages/proxy/index', {}, '来源渠道');
    await choose(page, '入户走访');
    await choose(page, '就医出行');
    await choose(page, '使用社区位置');
    page.type('如：王秀英', elder.name);
    page.type('如：13812345678', elder.phone ?? '');
    page.type('一句话说明', title);
    page.type('需要什么帮助', '李奶奶腿脚不便，需要有人去卫生院帮她取降压药');
    page.tap('提交心愿');
    await page.until(() => mp.exchanges.some((e) => e.call?.fn === 'dispatch' && e.call.action === 'proxyCreate') || page.text().includes('还有'), 'the wish is sent');
    await settled(page, 'the server answers');
    const hers = await callAs<{ items: { title: string }[] }>('elder', 'wishes', 'mine', { limit: 50 });
    expect(hers.items.map((w) => w.title)).toContain(title);
    expect(failedExchanges()).toEqual([]);
    page.close();
  });
});
