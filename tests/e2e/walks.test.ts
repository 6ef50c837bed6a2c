import type { Page } from 'playwright-core';
import { apiAs as callAs, nameOf as seededName, shot, signIn, tapUntil, useApp } from './harness';

/**
 * The walk-throughs issue 16 found broken, played in Debian chromium on the real h5 build against
 * the real server, each person on their own phone and only through what they see: a wish for two
 * helpers claimed by two volunteers, a wish the grid worker enters for an elder that she then sees,
 * a resident's wish reaching her grid worker's queue, and a claim extended by 延长认领.
 * (A shared link surviving login and a unit's handover are walked in phone.test.ts.)
 */
const app = useApp();

const apiAs = (who: string, fn: string, action: string, data: object = {}) => callAs(app.server)(who, fn, action, data);

/** A seeded person who is not one of the named demo accounts (e.g. a second volunteer), by name. */
const nameOf = (as: string): Promise<string> => seededName(app.server, as);

/** One person on their own phone, signed in by tapping the login button that ends with their name. */
const signInByName = (name: string): Promise<Page> => signIn(app.browser, app.server.url, new RegExp(` · ${name}$`));

async function openTask(helper: Page, title: string): Promise<void> {
  await helper.getByText(title).first().click();
  await helper.getByText('我来认领').waitFor();
}

/** Whole hours the countdown shows ("认领剩余 23小时59分" → 23). */
async function hoursLeft(page: Page): Promise<number> {
  const text = (await page.getByText(/认领剩余 /).first().textContent()) ?? '';
  const m = /认领剩余 (?:(\d+)小时)?/.exec(text);
  if (!m) throw new Error(`no countdown in "${text}"`);
  return Number(m[1] ?? 0);
}

test('a wish that needs two helpers: each of two volunteers claims it and can start at once (issue 16 #1)', async () => {
  const title = '帮忙把旧衣柜抬下楼';
  const { wish } = await apiAs('resident', 'wishes', 'create', {
    category: 'daily_help', title, description: '衣柜很重，一个人抬不动，需要两个人', location: { type: 'Point', coordinates: [113.9932, 31.2536] }, helpersNeeded: 2, anonymous: false,
  });
  await apiAs('secretary', 'dispatch', 'approve', { wishId: wish.id });

  const first = await signIn(app.browser, app.server.url, '志愿者 · 张晓东');
  await openTask(first, title);
  await first.getByText('我来认领').click();
  await first.getByText('认领成功，请在时限内开始服务').waitFor();
  // The first claimer is not left waiting for the second: the countdown and the next steps are there.
  await first.getByText(/认领剩余 \d+小时/).waitFor();
  await first.getByText('开始服务', { exact: true }).waitFor();
  await first.getByText('放弃认领', { exact: true }).waitFor();
  await shot(first, 'walk-two-helpers-first');

  const second = await signInByName(await nameOf('volunteer2'));
  await openTask(second, title);
  await second.getByText('我来认领').click();
  await second.getByText('认领成功，请在时限内开始服务').waitFor();
  await second.getByText(/认领剩余 \d+小时/).waitFor();
  await second.getByText('开始服务', { exact: true }).waitFor();
  await shot(second, 'walk-two-helpers-second');

  // The first still holds their place and starts.
  await first.reload();
  await first.getByText('开始服务', { exact: true }).click();
  await first.getByText('已开始服务').waitFor();
  const { wish: after } = await apiAs('secretary', 'wishes', 'detail', { wishId: wish.id });
  expect(after.claims.map((c: { userId: string }) => c.userId).sort()).toHaveLength(2);
});

test('the grid worker enters a wish for 李桂英 by her phone, and she sees it in her own account (issue 16 #3)', async () => {
  const title = '帮李奶奶去卫生院取药';
  const grid = await signIn(app.browser, app.server.url, '网格员 · 陈志强');
  await tapUntil(grid.getByText('代录心愿').first(), grid.getByText('来源渠道').first());
  await grid.getByRole('radio', { name: '入户走访' }).click();
  await grid.getByRole('textbox', { name: '如：王秀英' }).fill('李桂英');
  await grid.getByRole('textbox', { name: '如：13812345678' }).fill('07194567890');
  await grid.getByText('就医出行', { exact: true }).click();
  await grid.getByRole('textbox', { name: '一句话说明，如：接送去卫生院打疫苗' }).fill(title);
  await grid.getByRole('textbox', { name: '需要什么帮助、什么时间方便、有什么要注意的' }).fill('李奶奶腿脚不便，需要有人去卫生院帮她取降压药');
  await grid.getByText('使用社区位置', { exact: true }).click();
  await grid.getByText('提交心愿', { exact: true }).click();
  await grid.getByText('录入成功').waitFor();
  await grid.getByText(`已为李桂英录入心愿「${title}」`, { exact: false }).waitFor();
  await shot(grid, 'walk-proxy-done');

  const elder = await signIn(app.browser, app.server.url, '独居老人 · 李桂英');
  await elder.getByText(title).first().waitFor();
  await shot(elder, 'walk-proxy-elder-home');
});

test("a resident's wish reaches the queue of her building's grid worker (issue 16 #2)", async () => {
  const title = '楼道里堆满杂物请协调清理';
  const resident = await signIn(app.browser, app.server.url, '居民 · 胡秀兰');
  await resident.getByText('＋ 发布心愿').click();
  await resident.getByText('需要什么帮助').waitFor();
  await resident.getByText('矛盾调解', { exact: true }).click();
  await resident.getByRole('textbox', { name: '例如：腿脚不便，想请人陪同去医院打疫苗' }).fill(title);
  await resident.getByRole('textbox', { name: '什么时间、需要做什么、有什么要注意的' }).fill('G5栋一楼楼道堆满纸箱，消防通道被堵');
  await resident.getByText('提交心愿', { exact: true }).click();
  await resident.getByText('已提交，社区工作人员审核后会发布给志愿者。').waitFor();

  // 胡秀兰 lives in G5, in 桃源第二网格, whose grid worker is 陈志强.
  const grid = await signIn(app.browser, app.server.url, '网格员 · 陈志强');
  await grid.getByText('审核派单').first().click();
  const card = grid.getByLabel(`心愿：${title}`);
  await card.waitFor();
  await card.getByText('桃源第二网格', { exact: false }).waitFor();
  await shot(grid, 'walk-grid-queue');
});

test('延长认领 adds to the time left: the countdown moves forward (issue 16 #6)', async () => {
  const volunteer = await signIn(app.browser, app.server.url, '志愿者 · 张晓东');
  await volunteer.getByText('我的任务').first().click();
  await volunteer.getByText('帮忙代购蔬菜和药品').first().click();
  await volunteer.getByText(/认领剩余 /).first().waitFor();
  const before = await hoursLeft(volunteer);
  await volunteer.getByText('延长认领', { exact: true }).click();
  await volunteer.getByText('已延长认领时间').waitFor();
  await volunteer.waitForFunction((h) => {
    const m = /认领剩余 (\d+)小时/.exec(document.body.innerText);
    return !!m && Number(m[1]) > h;
  }, before);
  const after = await hoursLeft(volunteer);
  // The community's lease is 24 hours: extending adds them to what was left, not a fresh 24 from now.
  expect(after).toBeGreaterThanOrEqual(before + 23);
  await shot(volunteer, 'walk-extended');
});

test('staff forms use the app’s type scale: hints smaller than labels, red asterisks, no resize grip; 爱心超市’s 扫码 is legible', async () => {
  const grid = await signIn(app.browser, app.server.url, '网格员 · 陈志强');
  await tapUntil(grid.getByText('代录心愿').first(), grid.getByText('来源渠道').first());
  const look = await grid.evaluate(() => {
    const shown = (sel: string) => [...document.querySelectorAll<HTMLElement>(sel)].find((e) => e.offsetParent !== null)!;
    const px = (sel: string) => parseFloat(getComputedStyle(shown(sel)).fontSize);
    return {
      label: px('.field__label'),
      hint: px('.field__hint'),
      asterisk: getComputedStyle(shown('.field__required')).color,
      grips: [...document.querySelectorAll('textarea')].filter((t) => t.offsetParent !== null && getComputedStyle(t).resize !== 'none').length,
    };
  });
  expect(look.hint).toBeLessThan(look.label);
  expect(look.asterisk).toBe('rgb(200, 22, 29)');
  expect(look.grips).toBe(0);
  await shot(grid, 'walk-proxy-form');

  await grid.goto(`${app.server.url}/#/packages/staff/pages/store/index`);
  const scan = grid.locator('taro-button-core', { hasText: '扫码' });
  await scan.waitFor();
  const [fg, bg] = await scan.evaluate((b) => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]);
  expect(fg).not.toBe(bg);
  expect(fg).toBe('rgb(85, 85, 85)');
});

test('全部心愿: the secretary finds a claim on its tab, takes it back with a reason, and the volunteer reads why (issue 16)', async () => {
  const title = '帮忙修一下单元门禁';
  const { wish } = await apiAs('resident', 'wishes', 'create', {
    category: 'repair', title, description: '单元门禁刷卡没反应，老人进出不方便', location: { type: 'Point', coordinates: [113.9951, 31.2527] }, buildingId: 'bld-g5', anonymous: false,
  });
  await apiAs('secretary', 'dispatch', 'approve', { wishId: wish.id });
  await apiAs('volunteer', 'tasks', 'claim', { wishId: wish.id });

  const secretary = await signIn(app.browser, app.server.url, '社区书记 · 彭书记');
  await secretary.getByText('全部心愿').first().click();
  await secretary.getByText(/^已认领 \d+$/).click();
  const card = secretary.getByLabel(`心愿：${title}`);
  await card.getByText('认领：张晓东', { exact: false }).waitFor();
  await shot(secretary, 'walk-board-claimed');
  await card.getByText('收回', { exact: true }).click();
  const reason = '认领后一直联系不上，先收回';
  await secretary.getByRole('textbox', { name: '如：认领一天多了还没有上门、联系不上（必填）' }).fill(reason);
  await secretary.getByText('确认收回', { exact: true }).click();
  await secretary.getByText(`已收回「${title}」，退回心愿池`).waitFor();

  // Back in the pool: on 待认领, and its timeline says who took it back and why.
  await secretary.getByText(/^待认领 \d+$/).click();
  await secretary.getByLabel(`心愿：${title}`).getByText(title).click();
  await secretary.getByText('社区收回认领').waitFor();
  await secretary.getByText(reason).first().waitFor();

  const volunteer = await signIn(app.browser, app.server.url, '志愿者 · 张晓东');
  await volunteer.getByText('消息', { exact: true }).first().click();
  await volunteer.getByText(`社区收回了您手上的心愿「${title}」，原因是：${reason}`, { exact: false }).waitFor();
  await shot(volunteer, 'walk-recalled-inbox');
});
