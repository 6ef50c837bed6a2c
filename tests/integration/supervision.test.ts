import { startRoomyTestServer, wishInput, type Client, type TestServer } from './harness';

/**
 * 督办 (issue 13.2): the town urges a community about a stalled wish, moves it to another community of the town,
 * or sends it to a town- or county-level co-building unit. Each act is a step of the wish's timeline, shows in the
 * escalation list, tells the community's staff, and is the community's open 督办 item until someone takes the wish on.
 * Nothing else is the town's to do, and nothing outside its own town.
 */
let server: TestServer;
let town: Client;
let secretary: Client;
let gridWorker: Client;
let neighbourSecretary: Client;
let otherTown: Client;
beforeAll(async () => {
  server = await startRoomyTestServer();
  // Nothing in the product makes a town admin: the other town's is written in, as the seed writes 花园镇's.
  await server.db.collection('users').insertOne({
    _id: 'u-town-chengguan', devKey: 'town_chengguan', name: '城关镇办', memberships: [{ townId: 'town-chengguan', roles: ['town_admin'] }], createdAt: new Date(),
  } as never);
  town = await server.login('town_admin');
  secretary = await server.login('secretary');
  gridWorker = await server.login('grid_worker');
  neighbourSecretary = await server.login('secretary_hy');
  otherTown = await server.login('town_chengguan');
});
afterAll(() => server?.stop());

const tick = async () => server.anonymous().ok('cron', 'tick', {});

/** An urgent wish at G5栋 nobody took: raised to the town after twice the urgent interval. */
async function stalledWish(title: string): Promise<string> {
  const { wish } = await (await server.login('resident')).ok('wishes', 'create', wishInput({ title }));
  await secretary.ok('dispatch', 'approve', { wishId: wish.id, priority: 'urgent' });
  server.clock.advanceHours(1);
  await tick();
  return wish.id;
}

async function inboxOf(who: Client, wishId: string, template: string) {
  return (await who.ok('notify', 'inbox', {})).items.filter((m: any) => m.wishId === wishId && m.template === template);
}

test('催办: the message is a step of the timeline, reaches the secretary and the grid worker, and is the community\'s open 督办 item', async () => {
  const wishId = await stalledWish('楼道灯坏了老人摔倒');
  const message = '群众反映半小时无人认领，请立即安排';
  const { wish } = await town.ok('dispatch', 'urge', { wishId, note: message });
  expect(wish.status).toBe('open');

  const detail = await secretary.ok('wishes', 'detail', { wishId });
  expect(detail.events.at(-1)).toMatchObject({ action: 'urge', from: 'open', to: 'open', note: message, actor: { kind: 'user', userId: town.user.id, role: 'town_admin' } });
  for (const staff of [secretary, gridWorker]) {
    const [notice] = await inboxOf(staff, wishId, 'wish_supervised');
    expect(JSON.stringify(notice)).toContain(message);
  }

  const escalations = await town.ok('dispatch', 'escalations', { level: 'town' });
  expect(escalations.items.map((w: any) => w.id)).toContain(wishId);
  expect(escalations.supervision[wishId]).toEqual([{ action: 'urge', at: expect.any(String), note: message }]);

  const open = await secretary.ok('dispatch', 'supervision', {});
  const item = open.items.find((i: any) => i.wish.id === wishId);
  expect(item.acts.map((a: any) => a.action)).toEqual(['urge']);
  expect((await gridWorker.ok('dispatch', 'supervision', {})).items.map((i: any) => i.wish.id)).toContain(wishId);

  // Taken on, it is no longer an open 督办 item.
  await (await server.login('volunteer')).ok('tasks', 'claim', { wishId });
  expect((await secretary.ok('dispatch', 'supervision', {})).items.map((i: any) => i.wish.id)).not.toContain(wishId);
});

test('改派: the wish moves to another community of the town, which hears of it and holds it; the first no longer sees it', async () => {
  const wishId = await stalledWish('独居老人需要送餐');
  const { wish } = await town.ok('dispatch', 'reassign', { wishId, toCommunityId: 'com-huayuanjie', note: '花园街社区有助餐点' });
  expect(wish).toMatchObject({ communityId: 'com-huayuanjie', status: 'open' });
  expect(wish.buildingId).toBeUndefined();

  const detail = await neighbourSecretary.ok('wishes', 'detail', { wishId });
  expect(detail.events.at(-1)).toMatchObject({ action: 'reassign', from: 'open', to: 'open', meta: { fromCommunityId: 'com-taoyuan', toCommunityId: 'com-huayuanjie' } });
  expect(await inboxOf(neighbourSecretary, wishId, 'wish_supervised')).toHaveLength(1);
  const [item] = (await neighbourSecretary.ok('dispatch', 'supervision', {})).items.filter((i: any) => i.wish.id === wishId);
  expect(item.acts).toEqual([{ action: 'reassign', at: expect.any(String), note: '花园街社区有助餐点', fromCommunityId: 'com-taoyuan' }]);
  // Still raised to the town: it keeps the wish in sight in its escalation list.
  expect((await town.ok('dispatch', 'escalations', {})).supervision[wishId].map((a: any) => a.action)).toEqual(['reassign']);

  expect((await secretary.call('wishes', 'detail', { wishId })).status).toBe(404);
  // The resident it is for still follows it.
  expect((await (await server.login('resident')).ok('wishes', 'detail', { wishId })).events.at(-1).action).toBe('reassign');
});

test('镇街派单: to a county-level unit with people; its admin hears, accepts and hands it to a member who does it, even in another community', async () => {
  const empty = await town.call('dispatch', 'townAssign', { wishId: await stalledWish('需要上门量血压'), unitId: 'unit-weishengyuan' });
  expect(empty.status).toBe(409);
  expect((empty.body as any).error).toMatchObject({ code: 'ASSIGNEE_UNAVAILABLE', details: { reason: 'unit_without_people' } });

  const wishId = await stalledWish('老人家中漏水需要维修');
  await town.ok('dispatch', 'reassign', { wishId, toCommunityId: 'com-huayuanjie' });
  const { wish } = await town.ok('dispatch', 'townAssign', { wishId, unitId: 'unit-fuyou', note: '请县妇幼保健院就近安排' });
  expect(wish).toMatchObject({ status: 'assigned', assignment: { target: { kind: 'unit', id: 'unit-fuyou' } } });

  const unitAdmin = await server.login('unit_admin');
  const dispatched = await inboxOf(unitAdmin, wishId, 'wish_assigned');
  expect(dispatched).toHaveLength(1);
  // The town sent it, not a community: the message says who did.
  expect(dispatched[0].body).toMatch(/^镇街把心愿「老人家中漏水需要维修」（TY-\d{4}-\d{4}）派给了您/);
  expect((await unitAdmin.ok('tasks', 'mine', {})).items.map((w: any) => w.id)).toContain(wishId);
  const accepted = await unitAdmin.ok('tasks', 'accept', { wishId });
  expect(accepted.wish.status).toBe('claimed');
  // The unit hands it to its member, who finds it among their tasks and does the work there.
  const member = await server.login('unit_member');
  await unitAdmin.ok('tasks', 'handover', { wishId, toUserId: member.user.id });
  expect((await member.ok('tasks', 'mine', {})).items.map((w: any) => w.id)).toContain(wishId);
  // She hears it from her unit's admin, who handed it to her (it said "社区把心愿…派给了您").
  const handed = await inboxOf(member, wishId, 'wish_assigned');
  expect(handed.map((m: any) => m.body)).toEqual([expect.stringMatching(/^本单位的王丽华把心愿「老人家中漏水需要维修」（TY-\d{4}-\d{4}）派给了您/)]);
  await member.ok('tasks', 'start', { wishId });
  expect((await member.ok('tasks', 'complete', { wishId, note: '已修好水管' })).wish.status).toBe('done');
  const events = (await neighbourSecretary.ok('wishes', 'detail', { wishId })).events.map((e: any) => e.action);
  expect(events.slice(-6)).toEqual(['reassign', 'townAssign', 'accept', 'handover', 'start', 'complete']);
  // The unit's admin answers for what was sent to the unit there, and for nothing else of that community.
  const other = await stalledWish('别的心愿');
  await town.ok('dispatch', 'reassign', { wishId: other, toCommunityId: 'com-huayuanjie' });
  expect((await unitAdmin.call('wishes', 'detail', { wishId: other })).status).toBe(404);
  expect((await unitAdmin.call('tasks', 'claim', { wishId: other })).status).toBe(404);
});

test('refusals: other roles may not supervise, nor the town outside its own communities, units and waiting wishes', async () => {
  const wishId = await stalledWish('下水道堵塞');
  for (const who of [secretary, gridWorker, await server.login('volunteer'), await server.login('resident')]) {
    expect((await who.call('dispatch', 'urge', { wishId, note: '请处理' })).status).toBe(403);
    expect((await who.call('dispatch', 'reassign', { wishId, toCommunityId: 'com-huayuanjie' })).status).toBe(403);
    expect((await who.call('dispatch', 'townAssign', { wishId, unitId: 'unit-fuyou' })).status).toBe(403);
  }
  // Another town's admin: the wish does not exist for them.
  for (const [action, data] of [['urge', { note: '请处理' }], ['reassign', { toCommunityId: 'com-huayuanjie' }], ['townAssign', { unitId: 'unit-fuyou' }]] as const) {
    const r = await otherTown.call('dispatch', action, { wishId, ...data });
    expect(r.status).toBe(404);
  }
  // Not to a community or unit of another town.
  const outside = await town.call('dispatch', 'reassign', { wishId, toCommunityId: 'com-shizishan' });
  expect(outside.status).toBe(400);
  expect((outside.body as any).error.details.fields[0].path).toBe('toCommunityId');
  const foreignUnit = await town.call('dispatch', 'townAssign', { wishId, unitId: 'unit-yuanshaohui' });
  expect(foreignUnit.status).toBe(400);
  // A community-level unit is the community's to dispatch to.
  expect((await town.call('dispatch', 'townAssign', { wishId, unitId: 'unit-wuye' })).status).toBe(400);
  // An urge says something.
  expect((await town.call('dispatch', 'urge', { wishId })).status).toBe(400);
  // Taken on: nothing left to move.
  await (await server.login('volunteer2')).ok('tasks', 'claim', { wishId });
  expect(((await town.call('dispatch', 'reassign', { wishId, toCommunityId: 'com-huayuanjie' })).body as any).error.code).toBe('INVALID_TRANSITION');
  // Still read-only otherwise: the town neither dispatches as the community nor cancels.
  expect((await town.call('dispatch', 'assign', { wishId, assignTo: { kind: 'unit', id: 'unit-fuyou' } })).status).toBe(403);
  expect((await town.call('dispatch', 'cancel', { wishId, reason: '重复' })).status).toBe(403);
  const refusedNothing = await secretary.ok('wishes', 'detail', { wishId });
  expect(refusedNothing.events.filter((e: any) => ['urge', 'reassign', 'townAssign'].includes(e.action))).toEqual([]);
});
