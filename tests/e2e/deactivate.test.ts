import { apiAs, recordErrors, shot, signIn, useApp, visit } from './harness';

/**
 * 停用 in the browser (issue 13), against the real server and h5 build: the secretary pauses a volunteer in 组织管理,
 * saying why; the wish the volunteer held goes back to the pool; the volunteer, on their own phone, reads one banner
 * saying they are paused, why and whom to ask (no failure per call); the secretary restores them and the banner goes.
 */
const app = useApp();

const REASON = '连续两次认领后未上门，暂停服务待核实';
/** The seeded wish 刘佳 holds: 杨建国's blocked drain. */
const DRAIN = '卫生间下水道堵塞';

test('the secretary pauses a volunteer: their claim returns to the pool, they see why on every page, and restored they go on', async () => {
  const api = apiAs(app.server);
  const drain = (await api('secretary', 'dispatch', 'board', { status: 'claimed' })).items.map((r: any) => r.wish).find((w: any) => w.title === DRAIN);
  expect(drain).toBeDefined();

  // 刘佳, on her phone, has the drain among her tasks.
  const volunteer = await signIn(app.browser, app.server.url, '志愿者 · 刘佳');
  const volunteerErrors = recordErrors(volunteer);
  await visit(volunteer, app.server.url, '/packages/helper/pages/mine/index');
  await volunteer.getByText(DRAIN).waitFor();

  // The secretary stops her in 组织管理 → 成员角色, saying why.
  const secretary = await signIn(app.browser, app.server.url, '社区书记 · 彭书记');
  const secretaryErrors = recordErrors(secretary);
  await secretary.getByText('组织管理').click();
  await secretary.getByText('成员角色', { exact: true }).click();
  await secretary.getByRole('searchbox', { name: '按姓名搜索' }).fill('刘佳');
  await secretary.getByText('搜索', { exact: true }).click();
  await secretary.getByLabel('停用刘佳').click();
  await secretary.locator('textarea[placeholder="请填写停用原因（必填，本人会看到）"]').fill(REASON);
  await shot(secretary, 'deactivate-1-secretary-reason');
  await secretary.getByText('确认停用').click();
  await secretary.getByText(/^已停用，\d+ 个心愿已退回任务大厅$/).waitFor();
  await shot(secretary, 'deactivate-2-secretary-stopped');
  await secretary.getByText('好的', { exact: true }).click();
  await secretary.getByText(`：${REASON}`, { exact: false }).waitFor();

  // The drain is back in the pool, with nobody on it, and the timeline says so.
  const { wish, events } = await api('secretary', 'wishes', 'detail', { wishId: drain.id });
  expect([wish.status, wish.claims]).toEqual(['open', []]);
  expect(events.at(-1)).toMatchObject({ action: 'vacate' });
  const other = await signIn(app.browser, app.server.url, '志愿者 · 张晓东');
  await other.getByText(DRAIN).waitFor();
  await shot(other, 'deactivate-3-drain-back-in-the-hall');

  // 刘佳 opens her tasks again: one banner says she is paused, why and whom to ask; no failure of its own under it.
  await volunteer.reload();
  const banner = volunteer.getByRole('alert', { name: '暂停服务' });
  await banner.waitFor();
  await banner.getByText('您在桃源社区的服务已暂停').waitFor();
  await banner.getByText(`暂停原因：${REASON}`).waitFor();
  await banner.getByText(/请联系桃源社区书记/).waitFor();
  await volunteer.getByText('暂停服务期间，这里的内容暂不显示').waitFor();
  expect(await volunteer.getByText('加载失败').count()).toBe(0);
  await shot(volunteer, 'deactivate-4-volunteer-paused');
  // Every page says it, once.
  await visit(volunteer, app.server.url, '/pages/me/index');
  await volunteer.getByText('长辈模式', { exact: true }).waitFor();
  await banner.waitFor();
  expect(await volunteer.getByRole('alert', { name: '暂停服务' }).count()).toBe(1);
  await shot(volunteer, 'deactivate-5-volunteer-paused-me');

  // The secretary restores her; she taps 刷新状态 and goes on.
  await secretary.getByLabel('恢复刘佳').click();
  await secretary.getByText('确认恢复').click();
  await secretary.getByLabel('停用刘佳').waitFor();
  await shot(secretary, 'deactivate-6-secretary-restored');
  await banner.getByText('已恢复？刷新状态').click();
  await banner.waitFor({ state: 'detached' });
  await visit(volunteer, app.server.url, '/packages/helper/pages/hall/index');
  await volunteer.getByText(DRAIN).waitFor();
  await shot(volunteer, 'deactivate-7-volunteer-restored');

  expect(volunteerErrors).toEqual([]);
  expect(secretaryErrors).toEqual([]);
});
