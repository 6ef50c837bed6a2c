import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { shot, signIn, tileNumber, useApp, visit } from './harness';

/**
 * The 三单 loop in Debian chromium against the real server and the real h5 build:
 * a resident posts a wish, the secretary approves it in the review queue, a volunteer
 * claims, starts and completes it, the resident confirms and rates it, and the
 * secretary's dashboard counts it. Everyone acts on their own phone (browser context)
 * and only through what they see on screen.
 */
const app = useApp();

const title = '想请人陪我去打流感疫苗';
const dashboard = '/packages/staff/pages/dashboard/index';

async function fillWish(page: Page, wishTitle: string, description: string): Promise<void> {
  await page.getByText('＋ 发布心愿').click();
  await page.getByText('需要什么帮助').waitFor();
  await page.getByText('就医出行', { exact: true }).click();
  await page.getByRole('textbox', { name: '例如：腿脚不便，想请人陪同去医院打疫苗' }).fill(wishTitle);
  await page.getByRole('textbox', { name: '什么时间、需要做什么、有什么要注意的' }).fill(description);
}

test('a wish goes from the resident to a volunteer and back, and the dashboard counts it', async () => {
  // The secretary looks at the community's numbers first.
  const secretary = await signIn(app.browser, app.server.url, '社区书记 · 彭书记');
  await secretary.getByText('审核派单').waitFor();
  await secretary.getByText('数据看板').click();
  const collectedBefore = await tileNumber(secretary, '本期收集');
  const confirmedBefore = await tileNumber(secretary, '本期居民确认');

  // A resident posts a wish through the form.
  const resident = await signIn(app.browser, app.server.url, '居民 · 胡秀兰');
  await resident.getByText('＋ 发布心愿').waitFor();
  await shot(resident, 'resident-home');
  await fillWish(resident, title, '周三上午，卫生院二楼，腿脚不便');
  await shot(resident, 'resident-post-form');
  await resident.getByText('提交心愿', { exact: true }).click();
  await resident.getByText('已提交，社区工作人员审核后会发布给志愿者。').waitFor();

  // The secretary finds it in the review queue and publishes it to volunteers.
  await secretary.goBack();
  await secretary.getByText('审核派单').click();
  const card = secretary.getByLabel(`心愿：${title}`);
  await card.waitFor();
  await shot(secretary, 'secretary-review-queue');
  await card.getByText('通过', { exact: true }).click();
  await card.getByText('通过并发布', { exact: true }).click();
  await card.getByText('通过并发布', { exact: true }).waitFor({ state: 'detached' });

  // A party member opens it from the hall too, but the volunteer will be quicker.
  const partyMember = await signIn(app.browser, app.server.url, '下沉党员 · 彭卫国');
  await partyMember.getByText(title).first().click();
  await partyMember.getByText('我来认领').waitFor();

  // A volunteer finds it in the task hall, claims it, starts and completes it.
  const volunteer = await signIn(app.browser, app.server.url, '志愿者 · 张晓东');
  await volunteer.getByText(title).first().waitFor();
  await shot(volunteer, 'volunteer-task-hall');
  await volunteer.getByText(title).first().click();
  await volunteer.getByText('我来认领').click();
  await volunteer.getByText(/认领剩余 \d+小时/).waitFor();
  await volunteer.getByText('认领成功，请在时限内开始服务').waitFor();
  await shot(volunteer, 'volunteer-task-detail-lease');

  // The party member's tap comes second: they are told so, in Chinese.
  await partyMember.getByText('我来认领').click();
  await partyMember.getByText('手慢了，这个心愿已被其他人认领').waitFor();
  await shot(partyMember, 'party-member-claim-refused');

  await volunteer.getByText('开始服务', { exact: true }).click();
  await volunteer.getByText('已开始服务').waitFor();
  await volunteer.getByRole('textbox', { name: /已陪同老人到卫生院完成接种/ }).fill('已陪同接种并安全送回家');
  await volunteer.getByText('确认完成', { exact: true }).click();
  await volunteer.getByText('服务已完成，等待居民确认。').waitFor();

  // The resident sees the volunteer's work on the timeline, confirms and rates it.
  await resident.reload();
  await resident.getByText('确认已完成').click();
  await resident.getByText('评价本次服务').waitFor();
  await resident.getByLabel('5星').click();
  await resident.getByRole('textbox', { name: /说说您的感受/ }).fill('志愿者很耐心，谢谢！');
  await resident.getByText('提交评价').click();
  await resident.getByText('我的评价').waitFor();
  await shot(resident, 'resident-wish-detail-timeline');

  // The dashboard counts one more wish collected and one more confirmed.
  await visit(secretary, app.server.url, dashboard);
  await secretary.reload();
  expect(await tileNumber(secretary, '本期收集')).toBe(collectedBefore + 1);
  expect(await tileNumber(secretary, '本期居民确认')).toBe(confirmedBefore + 1);
  await shot(secretary, 'secretary-dashboard');
});

test('a rejected wish tells the resident why', async () => {
  const resident = await signIn(app.browser, app.server.url, '独居老人 · 李桂英');
  await fillWish(resident, '帮忙修一下楼道灯', '3栋2单元楼道灯坏了，晚上看不见');
  await resident.getByText('提交心愿', { exact: true }).click();
  await resident.getByText('已提交，社区工作人员审核后会发布给志愿者。').waitFor();

  const secretary = await signIn(app.browser, app.server.url, '社区书记 · 彭书记');
  await secretary.getByText('审核派单').click();
  const card = secretary.getByLabel('心愿：帮忙修一下楼道灯');
  await card.getByText('驳回', { exact: true }).click();
  await card.getByRole('textbox', { name: '请填写原因（必填）' }).fill('楼道灯由物业负责，已转交物业');
  await card.getByText('确认驳回', { exact: true }).click();
  await card.getByText('确认驳回', { exact: true }).waitFor({ state: 'detached' });

  await resident.reload();
  await resident.getByText('社区未通过这个心愿：楼道灯由物业负责，已转交物业。您可以修改后重新提交。').waitFor();
  await shot(resident, 'resident-wish-rejected');
});

test('a resident over the daily posting limit is told so, and keeps what they typed', async () => {
  // A fresh demo leaves the resident room to post (issue 16 #16): use up 每天最多 5 个 through the API first.
  const post = (token: string) =>
    fetch(`${app.server.url}/api/fn/wishes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ action: 'create', data: { category: 'daily_help', title: '帮忙取个快递', description: '快递放在驿站，我腿脚不便', location: { type: 'Point', coordinates: [113.9823, 31.2561] }, helpersNeeded: 1, anonymous: false } }),
    }).then((r) => r.json() as Promise<{ ok: boolean; error?: { code: string } }>);
  const login = await fetch(`${app.server.url}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as: 'resident' }) });
  const { data } = (await login.json()) as { data: { token: string } };
  for (let i = 0; i < 6; i++) {
    const reply = await post(data.token);
    if (!reply.ok) {
      expect(reply.error?.code).toBe('RATE_LIMITED');
      break;
    }
  }
  const resident = await signIn(app.browser, app.server.url, '居民 · 胡秀兰');
  await fillWish(resident, '想请人帮忙取快递', '快递放在驿站，我腿脚不便');
  await resident.getByText('提交心愿', { exact: true }).click();
  const refusal = resident.getByText('每天最多提交 5 个心愿，请明天再来');
  await refusal.waitFor();
  expect(await resident.getByRole('textbox', { name: '例如：腿脚不便，想请人陪同去医院打疫苗' }).inputValue()).toBe('想请人帮忙取快递');
  await refusal.scrollIntoViewIfNeeded();
  await shot(resident, 'resident-post-refused');
});

test('a resident who opens a staff screen is politely refused', async () => {
  const resident = await signIn(app.browser, app.server.url, '居民 · 胡秀兰');
  await resident.getByText('＋ 发布心愿').waitFor();
  await visit(resident, app.server.url, '/packages/staff/pages/review/index');
  await resident.getByText('暂无权限').waitFor();
  await resident.getByText(/此页面仅供.*使用，您当前的身份是「居民」/).waitFor();
  await shot(resident, 'resident-staff-refused');
});

test('each role has its main screen', async () => {
  const secretary = await signIn(app.browser, app.server.url, '社区书记 · 彭书记');
  await secretary.getByText('组织管理').click();
  await secretary.getByText('组织架构', { exact: true }).waitFor();
  await shot(secretary, 'secretary-org');

  const town = await signIn(app.browser, app.server.url, '镇街管理员 · 花园镇办');
  await town.getByText('当前身份：镇/街道').waitFor();
  await shot(town, 'town-admin-home');
  await town.getByText('数据看板').click();
  await tileNumber(town, '本期收集');
  await shot(town, 'town-admin-dashboard');

  const elder = await signIn(app.browser, app.server.url, '独居老人 · 李桂英');
  await elder.getByText('长辈模式（大字）').click();
  await elder.getByText('退出长辈模式').waitFor();
  await shot(elder, 'elder-mode-home');

  const unitAdmin = await signIn(app.browser, app.server.url, '共建单位管理员 · 王丽华');
  // The page's own line, not the navigation bar's title (which h5 renders first, hidden).
  await unitAdmin.getByText('认领心愿后，交给单位成员完成').waitFor();
  await shot(unitAdmin, 'unit-admin-home');
});

test('the secretary downloads the ledger from the dashboard as an Excel workbook', async () => {
  const secretary = await signIn(app.browser, app.server.url, '社区书记 · 彭书记');
  // From the home screen, as the secretary would: a route typed in while the login redirect settles can be overtaken by it.
  await secretary.getByText('数据看板').click();
  await tileNumber(secretary, '本期收集');
  const [download] = await Promise.all([secretary.waitForEvent('download'), secretary.getByText('导出报表', { exact: true }).click()]);
  expect(download.suggestedFilename()).toMatch(/^心愿台账-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const file = await download.path();
  // A zip, as every .xlsx is, and the seeded ledger has more in it than an empty sheet.
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  expect(bytes.length).toBeGreaterThan(4000);
  await secretary.getByText('报表已开始下载').waitFor();
});
