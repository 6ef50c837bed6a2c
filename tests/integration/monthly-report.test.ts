/**
 * 月度报告 (issue 12.7): the street office's monthly report counts each thing in the month it happened
 * (a confirmation this month is this month's service, whenever the wish was posted), split by category and
 * grid, with the units that served and the stories published; per community, or for a whole town. The
 * XLSX/CSV ledger carries grid, helpers, unit and hours.
 */
import { recentChinaMonths } from '@shared';
import { startTestServer, wishInput, type TestServer } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await (await server.login('secretary')).ok('org', 'updateSettings', { settings: { postsPerDay: 50 } });
});
afterAll(() => server?.stop());

const monthNow = () => recentChinaMonths(server.clock.now(), 1)[0];
const report = async (as: string, data: Record<string, unknown>) => (await server.login(as)).ok('stats', 'report', data);
const rowOf = (rows: any[], label: string) => rows.find((r) => r.label === label) ?? { collected: 0, services: 0, hours: 0 };

/** A repair in G5 (桃源第二网格), served by 陈静 of 孝昌县妇幼保健院 for 2.5 hours, confirmed by the resident, told as a story. */
async function serveOne(title: string) {
  const resident = await server.login('resident');
  const helper = await server.login('unit_member');
  const secretary = await server.login('secretary');
  const { wish } = await resident.ok('wishes', 'create', wishInput({ title }));
  await secretary.ok('dispatch', 'approve', { wishId: wish.id });
  await helper.ok('tasks', 'claim', { wishId: wish.id });
  await helper.ok('tasks', 'start', { wishId: wish.id });
  await helper.ok('tasks', 'complete', { wishId: wish.id, note: '已修好', hours: 2.5 });
  await resident.ok('wishes', 'confirm', { wishId: wish.id });
  const { story } = await secretary.ok('stories', 'draft', { wishId: wish.id, note: '晾衣架修好了' });
  await resident.ok('stories', 'consent', { storyId: story.id, consent: true });
  await secretary.ok('stories', 'publish', { storyId: story.id });
  return { wishId: wish.id as string, number: wish.number as string };
}

test('a month’s report counts what happened in it: overview, category, grid, units, stories, hours', async () => {
  const month = monthNow();
  const before = await report('secretary', { month });
  const { wishId, number } = await serveOne('阳台晾衣架坏了（月报）');
  const after = await report('secretary', { month });

  expect(after.scope).toMatchObject({ kind: 'community', name: '桃源社区', communities: [{ id: 'com-taoyuan', name: '桃源社区' }] });
  expect(after.from).toBe(`${month}-01T00:00:00+08:00`);
  const o = (k: string) => after.overview[k] - before.overview[k];
  expect([o('collected'), o('approved'), o('claimed'), o('completed'), o('confirmed'), o('serviceCount'), o('serviceHours')]).toEqual([1, 1, 1, 1, 1, 1, 2.5]);
  expect(rowOf(after.byCategory, '维修').services - rowOf(before.byCategory, '维修').services).toBe(1);
  expect(rowOf(after.byCategory, '维修').hours - rowOf(before.byCategory, '维修').hours).toBeCloseTo(2.5);
  const grid = (r: any) => rowOf(r.byGrid, '桃源第二网格');
  expect([grid(after).collected - grid(before).collected, grid(after).services - grid(before).services]).toEqual([1, 1]);
  expect(after.topUnits.map((u: any) => u.name)).toContain('孝昌县妇幼保健院');
  expect(after.stories.published - before.stories.published).toBe(1);
  // The points the confirmation earned (by the community's rule, as the ledger has them) are this month's issue.
  const earned = await server.db.collection('point_ledger').find({ wishId, kind: 'earn' }).toArray();
  expect(earned.length).toBe(1);
  expect(after.points.issued - before.points.issued).toBe(earned[0].amount);
  expect(after.points.issued - before.points.issued).toBeGreaterThan(0);
  // The story names its wish by the number the office can ask about on the phone.
  expect(after.stories.titles[0]).toMatchObject({ title: '阳台晾衣架坏了（月报）', wishNumber: number });
  expect(number).toMatch(/^TY-\d{4}-\d{4}$/);
  // Points spent at the 爱心超市 are the month's redemptions; a cancelled redemption's refund takes it back.
  const secretary = await server.login('secretary');
  const helper = await server.login('unit_member');
  const { item } = await secretary.ok('points', 'saveItem', { name: '月报测试毛巾', cost: 5, stock: 2 });
  const { redemption } = await helper.ok('points', 'redeem', { itemId: item.id });
  const spent = await report('secretary', { month });
  expect(spent.points.redeemed - after.points.redeemed).toBe(5);
  await helper.ok('points', 'cancel', { redemptionId: redemption.id });
  expect((await report('secretary', { month })).points.redeemed).toBe(after.points.redeemed);

  // The same numbers stats.overview gives for the month.
  const overview = await (await server.login('secretary')).ok('stats', 'overview', { from: after.from, to: after.to });
  expect(overview.serviceCount).toBe(after.overview.serviceCount);
  expect(overview.confirmed).toBe(after.overview.confirmed);

  // The next month has none of it.
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  const later = await report('secretary', { month: next });
  expect([later.overview.collected, later.overview.serviceCount, later.stories.published, later.points.issued]).toEqual([0, 0, 0, 0]);

  // The ledger names the wish by its number, and the grid, the helper, the unit and the hours.
  const file = await (await server.login('secretary')).ok('stats', 'export', { format: 'csv' });
  const lines = Buffer.from(file.base64, 'base64').toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
  const header = lines[0].split(',');
  const row = lines.find((l) => l.startsWith(`${number},`))!.split(',');
  const cell = (name: string) => row[header.indexOf(name)];
  expect(cell('系统编号')).toBe(wishId);
  expect([cell('网格'), cell('服务人'), cell('共建单位'), cell('服务时长（小时）')]).toEqual(['桃源第二网格', '陈静', '孝昌县妇幼保健院', '2.5']);
});

test('the town admin reads the whole town, or one community of it; no one else’s, and no resident at all', async () => {
  const month = monthNow();
  const town = await report('town_admin', { month });
  expect(town.scope).toMatchObject({ kind: 'town', name: '花园镇' });
  expect(town.scope.communities.map((c: any) => c.id)).toContain('com-taoyuan');
  const one = await report('town_admin', { month, communityId: 'com-taoyuan' });
  expect(one.scope).toMatchObject({ kind: 'community', name: '桃源社区' });
  expect(town.overview.collected).toBeGreaterThanOrEqual(one.overview.collected);

  expect((await (await server.login('town_admin')).call('stats', 'report', { month, communityId: 'com-shizishan' })).status).toBe(404);
  expect((await (await server.login('resident')).call('stats', 'report', { month })).status).toBe(403);
  const bad = await (await server.login('secretary')).call('stats', 'report', { month: '2026-13' });
  expect(bad.status).toBe(400);
  expect(bad.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'month' }] } } });
});
