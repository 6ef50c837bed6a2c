import type { Page } from 'playwright-core';
import { apiAs, shot, signIn, tapUntil, useApp } from './harness';

/**
 * Issue 13's browser check, in Debian chromium against the real server and h5 build: a grid worker enters an
 * urgent wish for an elder they visited; a volunteer on duty finds it at the top of the task hall marked 紧急
 * and claims it; the secretary's 网格地图 shows its dot go from 待认领 to 已认领.
 */
const app = useApp();

const title = '李奶奶在家摔倒需要有人照看';
/**
 * Where the grid worker stands in 花园新村 (their grid 花园新村网格), as a phone's GPS reports it (WGS-84):
 * the app moves it onto the map's GCJ-02, about (113.9902, 31.2508).
 */
const AT_HUAYUAN_XINCUN = { longitude: 113.984583, latitude: 31.252967 };

/** The 心愿 dot and the list row on the map, by what a screen reader says of them. */
const onMap = (page: Page, state: string) => page.getByRole('group', { name: '网格示意图' }).getByRole('button', { name: `【紧急】${title}（${state}）` });

async function anyTimeOnDuty(who: string): Promise<void> {
  // 张晓东's seeded hours are 07:00–22:00 China time; the test may run at night. No hours with alerts on says "any time".
  await apiAs(app.server)(who, 'org', 'setDuty', { slots: [], urgentAlerts: true }, 'e2e-duty-anytime');
}

test('an urgent wish a grid worker enters for an elder reaches a volunteer on duty first, and the secretary\'s map shows it claimed', async () => {
  // The grid worker, on a door visit in 花园新村, enters the wish for 李桂英 and publishes it at once as urgent.
  const gridWorker = await signIn(app.browser, app.server.url, '网格员 · 陈志强', { geolocation: AT_HUAYUAN_XINCUN, permissions: ['geolocation'] });
  await tapUntil(gridWorker.getByText('代录心愿'), gridWorker.getByRole('radiogroup', { name: '来源渠道' }));
  await gridWorker.getByRole('radiogroup', { name: '来源渠道' }).getByText('入户走访').click();
  await gridWorker.getByRole('textbox', { name: '如：王秀英' }).fill('李桂英');
  await gridWorker.getByRole('textbox', { name: '一句话说明，如：接送去卫生院打疫苗' }).fill(title);
  await gridWorker.getByRole('textbox', { name: '需要什么帮助、什么时间方便、有什么要注意的' }).fill('入户走访时发现李奶奶在卫生间摔倒，右腿疼痛不能行走，子女在外地，需要有人马上过来照看并陪同就医。');
  await gridWorker.getByText('生活帮扶', { exact: true }).click();
  await gridWorker.getByText('地图选点').click();
  await gridWorker.getByText('已在地图上选择').waitFor();
  await gridWorker.getByRole('radiogroup', { name: '优先级' }).getByText('紧急').click();
  await gridWorker.getByRole('radiogroup', { name: '提交后' }).getByText('直接通过发布').click();
  await shot(gridWorker, 'grid-map-1-grid-worker-urgent-entry');
  await gridWorker.getByText('提交心愿', { exact: true }).click();
  await gridWorker.getByText(`已为李桂英录入心愿「${title}」，当前状态：待认领`).waitFor();

  // The secretary's map: the dot is in 花园新村网格, waiting.
  const secretary = await signIn(app.browser, app.server.url, '社区书记 · 彭书记');
  await secretary.getByText('网格地图').click();
  await onMap(secretary, '待认领').waitFor();
  await onMap(secretary, '待认领').click();
  await secretary.getByText(/^TY-\d{4}-\d{4,} · 待认领 · 生活帮扶 · /).waitFor();
  await shot(secretary, 'grid-map-2-secretary-open');

  // A volunteer on duty opens the task hall: the urgent wish is the first thing they see, marked 紧急.
  await anyTimeOnDuty('volunteer');
  const volunteer = await signIn(app.browser, app.server.url, '志愿者 · 张晓东');
  const first = volunteer.locator('.wish-item').first();
  await first.getByText(title).waitFor();
  expect(await first.locator('.tag--urgent').textContent()).toBe('紧急');
  await shot(volunteer, 'grid-map-3-volunteer-hall-urgent-first');
  await first.click();
  await volunteer.getByText('我来认领').click();
  await volunteer.getByText('认领成功，请在时限内开始服务').waitFor();

  // Back on the map, a refresh shows the same dot as claimed: one fewer waiting, one more held.
  const waitingBefore = await secretary.locator('.staff-map__summary').textContent();
  await secretary.getByText('刷新', { exact: true }).click();
  await onMap(secretary, '已认领').waitFor();
  await expect(onMap(secretary, '待认领').count()).resolves.toBe(0);
  const waitingAfter = await secretary.locator('.staff-map__summary').textContent();
  const count = (text: string | null, label: string) => Number(new RegExp(`${label} (\\d+)`).exec(text ?? '')?.[1]);
  expect(count(waitingAfter, '待认领')).toBe(count(waitingBefore, '待认领') - 1);
  expect(count(waitingAfter, '已认领')).toBe(count(waitingBefore, '已认领') + 1);
  await onMap(secretary, '已认领').click();
  await secretary.getByText(/^TY-\d{4}-\d{4,} · 已认领 · 生活帮扶 · /).waitFor();
  await shot(secretary, 'grid-map-4-secretary-claimed');
});
