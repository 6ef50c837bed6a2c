/**
 * Findings of the outside probe (issue 11) that are about who may reach what:
 * each refusal is a stable code and changes nothing.
 */
import { startTestServer, type TestServer } from './harness';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const invitesCount = () => server.db.collection('invites').countDocuments({});

describe('M3: an invite names only units and grids of the caller’s community', () => {
  test('a unit or grid of another community is refused and no code is made', async () => {
    const secretary = await server.login('secretary');
    const before = await invitesCount();
    const unit = await secretary.call('org', 'invites', { role: 'unit_admin', unitId: 'unit-yuanshaohui' });
    expect(unit.status).toBe(404);
    expect(unit.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const grid = await secretary.call('org', 'invites', { role: 'grid_worker', gridId: 'grid-xcy-1' });
    expect(grid.status).toBe(404);
    expect(grid.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await invitesCount()).toBe(before);
    // Its own community's unit and grid still work.
    await secretary.ok('org', 'invites', { role: 'unit_admin', unitId: 'unit-fuyou' });
    await secretary.ok('org', 'invites', { role: 'grid_worker', gridId: 'grid-taoyuan-1' });
  });

  test('tasks.mine lists only wishes of my community, whatever else names me', async () => {
    const volunteer = await server.login('volunteer');
    const wishes = server.db.collection<{ _id: string; communityId: string; assignment?: unknown; status: string }>('wishes');
    const other = await wishes.findOne({ communityId: 'com-shizishan', status: 'open' });
    expect(other).toBeTruthy();
    // However it came about (a stale unit id, a redeemed foreign invite), another community's wish naming me stays out.
    await wishes.updateOne(
      { _id: other!._id },
      { $set: { status: 'assigned', assignment: { target: { kind: 'user', id: volunteer.user.id }, by: 'x', at: new Date() } } },
    );
    try {
      const mine = await volunteer.ok('tasks', 'mine', { status: 'assigned' });
      expect(mine.items.map((w: any) => w.id)).not.toContain(other!._id);
      const all = await volunteer.ok('tasks', 'mine', {});
      expect(all.items.every((w: any) => w.communityId === 'com-taoyuan')).toBe(true);
    } finally {
      await wishes.updateOne({ _id: other!._id }, { $set: { status: 'open' }, $unset: { assignment: '' } });
    }
  });
});

describe('M4: a town admin reads invites but cannot redeem one', () => {
  test('listInvites shows it codes masked', async () => {
    const secretary = await server.login('secretary');
    const made = await secretary.ok('org', 'invites', { role: 'grid_worker', gridId: 'grid-taoyuan-1' });
    const town = await server.login('town_admin');
    const listed = await town.ok('org', 'listInvites', { communityId: 'com-taoyuan' });
    expect(listed.items.length).toBeGreaterThan(0);
    expect(listed.items.map((i: any) => i.code)).not.toContain(made.code);
    expect(listed.items.every((i: any) => /^[A-Z0-9]{2}\*+$/.test(i.code))).toBe(true);
    // The secretary still sees the codes whole.
    const own = await secretary.ok('org', 'listInvites', {});
    expect(own.items.map((i: any) => i.code)).toContain(made.code);
  });

  test('acceptInvite refuses it a community role and changes nothing', async () => {
    const secretary = await server.login('secretary');
    const made = await secretary.ok('org', 'invites', { role: 'grid_worker', gridId: 'grid-taoyuan-1', maxUses: 3 });
    const town = await server.login('town_admin');
    const reply = await town.call('org', 'acceptInvite', { code: made.code });
    expect(reply.status).toBe(403);
    expect(reply.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const me = await town.ok('org', 'me', {});
    expect(me.user.roles).toEqual(['town_admin']);
    const invite = await server.db.collection('invites').findOne({ code: made.code });
    expect(invite).toMatchObject({ uses: 0 });
    const queue = await town.call('dispatch', 'queue', {});
    expect(queue.status).toBe(403);
  });
});

describe('L2: dispatch.queue narrows, never widens', () => {
  test('a grid worker cannot read another grid', async () => {
    const grid = await server.login('grid_worker');
    const other = await grid.call('dispatch', 'queue', { gridId: 'grid-taoyuan-1' });
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const own = await grid.ok('dispatch', 'queue', { gridId: 'grid-taoyuan-2' });
    expect(own.items.every((w: any) => w.gridId === 'grid-taoyuan-2')).toBe(true);
  });

  test('a secretary reads any grid of the community, not another community’s', async () => {
    const secretary = await server.login('secretary');
    await secretary.ok('dispatch', 'queue', { gridId: 'grid-taoyuan-1' });
    const foreign = await secretary.call('dispatch', 'queue', { gridId: 'grid-xcy-1' });
    expect(foreign.status).toBe(403);
  });
});
