import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { userOf } from '@shared/pageUsers';
import { AllPages, type PagePath } from '@shared/routes';
import type { Role } from '@shared/vocab/roles';
import { apiAs as callAs, newPhone, PHONE, recordErrors, root, useApp } from './harness';

/**
 * Every screen of the route table, as the person it is for, photographed on a 390×844 phone in
 * normal and in elder mode (artifacts/screens/{normal,elder}/, not committed) for people to look at.
 * The screen must come to rest showing something of its own, with no error on it and none thrown.
 */
const screensDir = path.join(root, 'artifacts', 'screens');
const app = useApp();
const ids: Record<string, string> = {};

const apiAs = (who: string, fn: string, action: string, data: object = {}) => callAs(app.server)(who, fn, action, data);

const wishId = async (title: string, status: string): Promise<string> =>
  (await apiAs('secretary', 'dispatch', 'queue', { status, limit: 50 })).items.find((w: { title: string }) => w.title === title).id;

beforeAll(async () => {
  ids.wish = await wishId('搬运旧家具到楼下', 'done');
  ids.task = await wishId('帮忙代购蔬菜和药品', 'claimed');
  const told = await wishId('厨房水龙头漏水请帮忙维修', 'confirmed');
  const { story } = await apiAs('secretary', 'stories', 'draft', { wishId: told, note: '志愿者小张带着工具上门，半小时就换好了阀芯。' });
  await apiAs('resident2', 'stories', 'consent', { storyId: story.id, consent: true });
  await apiAs('secretary', 'stories', 'publish', { storyId: story.id });
  ids.story = story.id;
  ids.activity = (await apiAs('volunteer', 'activities', 'list', {})).items.find((a: { title: string }) => a.title === '老年人健康义诊').id;
});

/** The login button of each role's demo person (services/session.ts DemoAccounts). */
const loginLabel: Record<Role, string> = {
  resident: '居民', volunteer: '志愿者', party_member: '下沉党员', unit_admin: '共建单位管理员', grid_worker: '网格员', secretary: '社区书记', town_admin: '镇街管理员',
};

/** What a screen is opened with: the wish, task or story it shows. */
const queryOf: Partial<Record<PagePath, () => string>> = {
  'pages/wish/index': () => `?id=${ids.wish}`,
  'packages/helper/pages/task/index': () => `?id=${ids.task}`,
  'pages/story/index': () => `?id=${ids.story}`,
  'packages/helper/pages/activity/index': () => `?id=${ids.activity}`,
  // 收回 of the claimed task nobody has started: the panel, as the wish's page opens it.
  'packages/staff/pages/recall/index': () => `?id=${ids.task}`,
};

/** Screens that hold several: each tab is photographed too (org's forms are among issue 16's weakest screens). */
const tabsOf: Partial<Record<PagePath, string[]>> = {
  'packages/staff/pages/org/index': ['共建单位', '成员角色', '邀请码', '入社申请', '社区设置'],
};

/** A phone that counts requests in flight, so a screen is photographed once its data has arrived. */
async function phone(role: Role | null): Promise<{ context: BrowserContext; page: Page; errors: string[]; quiet(): Promise<void> }> {
  const page = await newPhone(app.browser, { viewport: PHONE, timezoneId: 'Asia/Shanghai' });
  const context = page.context();
  const errors = recordErrors(page);
  let inFlight = 0;
  page.on('request', () => inFlight++);
  page.on('requestfinished', () => inFlight--);
  page.on('requestfailed', () => inFlight--);
  const quiet = async () => {
    let since = Date.now();
    while (Date.now() - since < 600) {
      if (inFlight > 0) since = Date.now();
      await page.waitForTimeout(50);
    }
  };
  await page.goto(`${app.server.url}/#/pages/login/index`);
  if (role) {
    await page.getByText(new RegExp(`^${loginLabel[role]} · `)).first().click();
    await page.waitForURL((u) => !u.hash.includes('pages/login'));
    await quiet();
  }
  return { context, page, errors, quiet };
}

const troubled = /加载失败|网络连接失败|暂无权限|出错了|内容不存在/;

// One phone per person: pages grouped by who uses them.
const byUser = new Map<Role | null, PagePath[]>();
for (const page of AllPages) byUser.set(userOf(page), [...(byUser.get(userOf(page)) ?? []), page]);

describe.each([...byUser].map(([role, pages]) => [role ?? 'signed out', role, pages] as const))('screens for %s', (_name, role, pages) => {
  test.each(['normal', 'elder'] as const)('each screen in %s mode, photographed at rest with no error', async (mode) => {
    const { context, page, errors, quiet } = await phone(role);
    if (mode === 'elder') await page.evaluate(() => localStorage.setItem('xy.elder', JSON.stringify({ data: '1' })));
    fs.mkdirSync(path.join(screensDir, mode), { recursive: true });
    const troubles: string[] = [];
    const photograph = async (route: string, name: string) => {
      await quiet();
      // Taro keeps earlier pages in the DOM, hidden: only the shown one counts.
      const shown = await page.evaluate(() => {
        const pages = [...document.querySelectorAll('.taro_page')].filter((p) => getComputedStyle(p).display !== 'none');
        return (pages.at(-1) as HTMLElement | undefined)?.innerText ?? document.body.innerText;
      });
      if (troubled.test(shown)) troubles.push(`${name}: ${shown.match(troubled)![0]}`);
      if (shown.replace(/\s/g, '').length < 4) troubles.push(`${name}: shows nothing`);
      // Taro's h5 page scrolls inside itself, not the document: the phone is made as tall as the screen's content.
      const tall = await page.evaluate(() => Math.max(...[...document.querySelectorAll('.taro_page')].map((p) => p.scrollHeight)));
      await page.setViewportSize({ width: 390, height: Math.min(Math.max(844, tall), 4000) });
      await page.screenshot({ path: path.join(screensDir, mode, `${name}.png`) });
      await page.setViewportSize({ width: 390, height: 844 });
    };
    for (const route of pages) {
      await page.goto(`${app.server.url}/#/${route}${queryOf[route]?.() ?? ''}`);
      await page.reload();
      const name = route.replace(/\/index$/, '').replace(/\//g, '_');
      await photograph(route, name);
      for (const tab of tabsOf[route] ?? []) {
        await page.getByText(tab, { exact: true }).first().click();
        await photograph(route, `${name}-${tab}`);
      }
    }
    expect(troubles).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
