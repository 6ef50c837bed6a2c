import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { apiAs as callAs, shot, shotsDir, signIn, useApp, visit } from './harness';

/**
 * Issue 12's browser check, in Debian chromium on the real h5 build: what a volunteer gets back for a service.
 * The volunteer completes with the hours they spent; the resident confirms; the volunteer's 服务时长 page shows
 * those hours and 我的积分 the points; they redeem an item at the 爱心超市; the secretary hands it over against
 * the code; the volunteer downloads their 志愿服务证明, which is read back and rendered to a picture, and whose
 * serial anyone can check on the public verification page.
 */
const app = useApp();
let apiAs: ReturnType<typeof callAs>;

beforeAll(async () => {
  apiAs = callAs(app.server);
});

const title = '帮我把旧衣柜搬到楼下回收点';
const HOURS = 2;

/**
 * The number a hero line shows ("120 积分", "累计服务时长 3.5 小时"), once the page has drawn it. Taro's h5
 * router keeps pages visited before in the document, hidden: only the screen in front counts.
 */
async function heroNumber(page: Page, pattern: RegExp): Promise<number> {
  const line = page.getByText(pattern).filter({ visible: true }).first();
  await line.waitFor();
  return Number(pattern.exec((await line.textContent()) ?? '')![1]);
}

test('a confirmed service shows as hours and points, the points buy an item the secretary hands over, and the certificate downloads', async () => {
  // The scene: 胡秀兰's wish, approved, claimed and started by 张晓东.
  const { wish } = await apiAs('resident', 'wishes', 'create', {
    category: 'daily_help', title, description: '衣柜有点沉，我一个人搬不动，下午两点后都在家。',
    location: { type: 'Point', coordinates: [113.9823, 31.2561] }, helpersNeeded: 1, anonymous: false,
  });
  await apiAs('secretary', 'dispatch', 'approve', { wishId: wish.id });
  await apiAs('volunteer', 'tasks', 'claim', { wishId: wish.id }, `e2e-recognition-claim`);
  await apiAs('volunteer', 'tasks', 'start', { wishId: wish.id }, `e2e-recognition-start`);

  const volunteer = await signIn(app.browser, app.server.url, '志愿者 · 张晓东');
  await visit(volunteer, app.server.url, '/packages/helper/pages/hours/index');
  const hoursBefore = await heroNumber(volunteer, /累计服务时长 ([\d.]+) 小时/);
  await visit(volunteer, app.server.url, '/packages/helper/pages/points/index');
  const pointsBefore = await heroNumber(volunteer, /^(\d+) 积分$/);

  // 张晓东 completes, saying how long it took.
  await visit(volunteer, app.server.url, `/packages/helper/pages/task/index?id=${wish.id}`);
  await volunteer.getByRole('textbox', { name: /已陪同老人到卫生院完成接种/ }).fill('衣柜已搬到楼下回收点，顺手把地面扫干净了');
  await volunteer.getByText(`${HOURS} 小时`, { exact: true }).click();
  await volunteer.getByText('确认完成', { exact: true }).click();
  await volunteer.getByText('服务已完成，等待居民确认。').waitFor();

  // Nothing counts until the resident confirms: the hours page says it waits for her.
  await visit(volunteer, app.server.url, '/packages/helper/pages/hours/index');
  await volunteer.getByText(title).waitFor();
  expect(await heroNumber(volunteer, /累计服务时长 ([\d.]+) 小时/)).toBe(hoursBefore);

  const resident = await signIn(app.browser, app.server.url, '居民 · 胡秀兰');
  await visit(resident, app.server.url, `/pages/wish/index?id=${wish.id}`);
  await resident.getByText('确认已完成').click();
  await resident.getByText('评价本次服务').waitFor();

  // Now the hours and the points are his.
  await volunteer.reload();
  await volunteer.getByText(`累计服务时长 ${hoursBefore + HOURS} 小时`, { exact: false }).waitFor();
  await shot(volunteer, 'recognition-1-hours');
  await visit(volunteer, app.server.url, '/packages/helper/pages/points/index');
  const pointsAfter = await heroNumber(volunteer, /^(\d+) 积分$/);
  expect(pointsAfter).toBeGreaterThan(pointsBefore);
  await volunteer.getByText(`「${title}」经居民确认，服务 ${HOURS} 小时，获得 ${pointsAfter - pointsBefore} 积分`, { exact: false }).first().waitFor();
  await shot(volunteer, 'recognition-2-points');

  // He spends them on the cheapest thing on the shelf he can afford.
  const { items } = await apiAs('volunteer', 'points', 'catalogue');
  const item = (items as { name: string; cost: number; stock: number; active?: boolean }[])
    .filter((i) => i.stock > 0 && i.cost <= pointsAfter)
    .sort((a, b) => a.cost - b.cost)[0];
  expect(item).toBeDefined();
  await volunteer.getByLabel(`兑换${item.name}`).click();
  await volunteer.getByText('确认兑换', { exact: true }).click();
  const code = (await volunteer.getByLabel('兑换码', { exact: true }).first().textContent())!.trim();
  expect(code).toMatch(/\S{4,}/);
  await volunteer.getByText(`${pointsAfter - item.cost} 积分`, { exact: true }).waitFor();
  await shot(volunteer, 'recognition-3-redeemed');

  // At the 爱心超市 the secretary types the code he shows and hands the item over.
  const secretary = await signIn(app.browser, app.server.url, '社区书记 · 彭书记');
  await visit(secretary, app.server.url, '/packages/staff/pages/store/index');
  await secretary.getByRole('textbox', { name: '兑换码' }).fill(code);
  await secretary.getByText('查询', { exact: true }).click();
  await secretary.getByText(`兑换人：张晓东`, { exact: false }).waitFor();
  await secretary.getByText('确认发放', { exact: true }).click();
  await secretary.getByText(`已核销：请将「${item.name}」交给张晓东`).waitFor();
  await shot(secretary, 'recognition-4-handed-over');
  // A code is good once.
  await secretary.getByText('查询', { exact: true }).click();
  await secretary.getByText('状态：已领取', { exact: false }).waitFor();

  // The certificate: a PDF download, its text Chinese and whole, its serial checkable by anyone.
  await visit(volunteer, app.server.url, '/packages/helper/pages/hours/index');
  const [download] = await Promise.all([volunteer.waitForEvent('download'), volunteer.getByText('开具志愿服务证明（本年度）').click()]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-cert-'));
  const pdf = path.join(dir, download.suggestedFilename());
  await download.saveAs(pdf);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  expect(text).toContain('志愿服务证明');
  expect(text).toContain('张晓东');
  expect(text).toContain('桃源社区');
  const serial = /ZY-\d{8}-[A-Z0-9]{8}/.exec(text)?.[0];
  expect(serial).toBeDefined();
  // Rendered as a page a person would look at (artifacts/screenshots/recognition-certificate.png).
  fs.mkdirSync(shotsDir, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', pdf, path.join(shotsDir, 'recognition-5-certificate')]);
  expect(fs.statSync(path.join(shotsDir, 'recognition-5-certificate.png')).size).toBeGreaterThan(10_000);

  const stranger = await app.browser.newContext().then((c) => c.newPage());
  await visit(stranger, app.server.url, `/pages/verify/index?serial=${serial}`);
  await stranger.getByText('核验', { exact: true }).click();
  await stranger.getByText('证明有效').waitFor();
  await stranger.getByText('出具社区：桃源社区').waitFor();
  // The holder's name is masked for a stranger.
  expect(await stranger.getByText('持有人：张晓东').count()).toBe(0);
  await shot(stranger, 'recognition-6-verified');
});
