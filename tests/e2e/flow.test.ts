import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../server/main';
import { api, launch, shot, signIn, startApp, tokenOf } from './harness';

/**
 * The 三单 loop in a real browser against the real server: a resident posts, the
 * secretary approves, a volunteer claims and completes, the resident confirms and
 * rates, and the community's numbers count it. Plus a refusal the resident reads.
 */
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startApp();
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function postWish(page: Page, title: string, description: string): Promise<string> {
  await page.getByText('＋ 发布心愿').click();
  await page.getByText('就医出行', { exact: true }).click();
  await page.locator('input[placeholder*="陪同去医院打疫苗"]').fill(title);
  await page.locator('textarea[placeholder*="什么时间"]').fill(description);
  await page.getByText('提交心愿', { exact: true }).click();
  await page.waitForURL((u) => u.hash.includes('pages/wish/index'), { timeout: 20000 });
  await page.getByText('已提交，社区工作人员审核后会发布给志愿者。').waitFor();
  return new URL(page.url().replace('#', '')).searchParams.get('id') ?? '';
}

test('a wish goes from the resident to a volunteer and back, and is counted', async () => {
  const resident = await signIn(browser, server.url, 'resident', '居民 · 张阿姨');
  await resident.getByText('＋ 发布心愿').waitFor();
  await shot(resident, 'resident-home');

  const wishId = await postWish(resident, '想请人陪我去打流感疫苗', '周三上午，卫生院二楼，腿脚不便');
  expect(wishId).not.toBe('');
  await shot(resident, 'resident-wish-pending');

  // The secretary's review screen belongs to the staff sub-package; the approval goes through the same API.
  const secretaryToken = await tokenOf(server.url, 'secretary');
  const before = await api<Record<string, number>>(server.url, secretaryToken, 'stats', 'overview');
  await api(server.url, secretaryToken, 'dispatch', 'approve', { wishId });

  const volunteer = await signIn(browser, server.url, 'volunteer', '志愿者');
  await volunteer.getByText('想请人陪我去打流感疫苗').first().waitFor({ timeout: 20000 });
  await shot(volunteer, 'volunteer-hall');
  await volunteer.getByText('想请人陪我去打流感疫苗').first().click();
  await volunteer.getByText('我来认领').click();
  await volunteer.getByText(/认领剩余/).waitFor();
  await shot(volunteer, 'volunteer-claimed');
  await volunteer.getByText('开始服务', { exact: true }).click();
  await volunteer.locator('textarea[placeholder*="已陪同老人到卫生院完成接种"]').fill('已陪同接种并安全送回家');
  await volunteer.getByText('确认完成', { exact: true }).click();
  await volunteer.getByText('服务已完成，等待居民确认。').waitFor();

  await resident.reload();
  await resident.getByText('确认已完成').click();
  await resident.getByText('评价本次服务').waitFor();
  await resident.locator('[aria-label="5星"]').click();
  await resident.locator('textarea[placeholder*="说说您的感受"]').fill('志愿者很耐心，谢谢！');
  await resident.getByText('提交评价').click();
  await resident.getByText('我的评价').waitFor();
  await shot(resident, 'resident-wish-rated');

  const after = await api<Record<string, number>>(server.url, secretaryToken, 'stats', 'overview');
  expect(after.collected).toBe(before.collected + 1);
  expect(after.confirmed).toBe(before.confirmed + 1);

  const secretary = await signIn(browser, server.url, 'secretary', '社区书记');
  await secretary.waitForTimeout(1500);
  await shot(secretary, 'secretary-home');
});

test('a refused wish shows the resident why, and lets them resubmit', async () => {
  const resident = await signIn(browser, server.url, 'resident', '居民 · 张阿姨');
  const wishId = await postWish(resident, '帮忙修一下楼道灯', '3栋2单元楼道灯坏了');
  const secretaryToken = await tokenOf(server.url, 'secretary');
  await api(server.url, secretaryToken, 'dispatch', 'reject', { wishId, reason: '楼道灯由物业负责，已转交物业' });

  await resident.reload();
  await resident.getByText(/社区未通过这个心愿：楼道灯由物业负责，已转交物业/).waitFor();
  await resident.getByText('修改后重新提交').first().waitFor();
  await shot(resident, 'resident-wish-rejected');
});

test('each role lands on its own main screen', async () => {
  for (const [as, label, name] of [
    ['unit_admin', '共建单位管理员', 'unit-admin-home'],
    ['party_member', '下沉党员', 'party-member-hall'],
    ['grid_worker', '网格员', 'grid-worker-home'],
    ['town_admin', '镇/街道管理员', 'town-admin-home'],
  ] as const) {
    const page = await signIn(browser, server.url, as, label);
    await page.waitForTimeout(1500);
    await shot(page, name);
    await page.context().close();
  }
  const elder = await signIn(browser, server.url, 'elder', '居民 · 独居老人');
  await elder.getByText('长辈模式（大字）').click();
  await elder.getByText('退出长辈模式').waitFor();
  await shot(elder, 'resident-elder-mode');
});
