import { WISH_NUMBER_PATTERN, WishStates } from '@shared';
import { staffScene, wishInput, type Client, type TestServer } from './harness';

/**
 * 全部心愿 (issue 16): staff see every wish of theirs by state, newest first, with how many are in each state, who
 * holds each and whether it is stalled. A secretary sees their community and nothing of another; a grid worker their
 * grids; the town its communities, and only reads.
 */
let server: TestServer;
let secretary: Client;
let gridWorker: Client;
let town: Client;
let resident: Client;
let volunteer: Client;
beforeAll(async () => {
  ({ server, secretary, gridWorker, town, resident, volunteer } = await staffScene());
});
afterAll(() => server?.stop());

/** Every row of one state, page by page. */
async function allRows(who: Client, data: Record<string, unknown>): Promise<any[]> {
  const rows: any[] = [];
  let cursor: string | undefined;
  do {
    const page = await who.ok('dispatch', 'board', { ...data, limit: 7, ...(cursor ? { cursor } : {}) });
    rows.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

async function storedCounts(filter: Record<string, unknown>): Promise<Record<string, number>> {
  const out: Record<string, number> = Object.fromEntries(WishStates.map((s) => [s, 0]));
  for (const w of await server.db.collection<{ status: string }>('wishes').find(filter).toArray()) out[w.status] += 1;
  return out;
}

test('the secretary: every state counted as stored, each page newest first, and no wish of another community', async () => {
  const board = await secretary.ok('dispatch', 'board', { status: 'open' });
  expect(board.counts).toEqual(await storedCounts({ communityId: 'com-taoyuan' }));
  for (const status of WishStates) {
    const rows = await allRows(secretary, { status });
    expect([status, rows.length]).toEqual([status, board.counts[status]]);
    expect(rows.every((r) => r.wish.communityId === 'com-taoyuan' && r.wish.status === status)).toBe(true);
    // Each row carries the wish's 心愿编号, which the card shows.
    expect(rows.every((r) => WISH_NUMBER_PATTERN.test(r.wish.number))).toBe(true);
    const ids = rows.map((r) => r.wish.id);
    expect(ids).toEqual([...ids].sort().reverse());
  }
  // Another community's secretary sees none of 桃源社区's, and may not ask for it.
  const other = await server.login('secretary2');
  const theirs = await other.ok('dispatch', 'board', { status: 'open' });
  expect(theirs.counts).toEqual(await storedCounts({ communityId: 'com-shizishan' }));
  expect(theirs.items.every((r: any) => r.wish.communityId === 'com-shizishan')).toBe(true);
  expect((await other.call('dispatch', 'board', { status: 'open', communityId: 'com-taoyuan' })).body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
});

test('a grid worker sees their grids only; the town every community of the town, and the secretary may narrow to a grid', async () => {
  const grids = (await server.db.collection<{ memberships: { gridIds?: string[] }[] }>('users').findOne({ _id: gridWorker.user.id }))!.memberships.flatMap((m) => m.gridIds ?? []);
  const mine = await gridWorker.ok('dispatch', 'board', { status: 'open' });
  expect(mine.counts).toEqual(await storedCounts({ communityId: 'com-taoyuan', gridId: { $in: grids } }));
  expect((await gridWorker.call('dispatch', 'board', { status: 'open', gridId: 'grid-taoyuan-1' })).body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

  const one = await secretary.ok('dispatch', 'board', { status: 'open', gridId: 'grid-taoyuan-3' });
  expect(one.counts).toEqual(await storedCounts({ communityId: 'com-taoyuan', gridId: 'grid-taoyuan-3' }));

  const townBoard = await town.ok('dispatch', 'board', { status: 'open' });
  expect(townBoard.counts).toEqual(await storedCounts({ townId: 'town-huayuan' }));
  const huayuanjie = await town.ok('dispatch', 'board', { status: 'open', communityId: 'com-huayuanjie' });
  expect(huayuanjie.counts).toEqual(await storedCounts({ communityId: 'com-huayuanjie' }));
  expect((await town.call('dispatch', 'board', { status: 'open', communityId: 'com-shizishan' })).body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  for (const who of [resident, volunteer]) expect((await who.call('dispatch', 'board', {})).body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

test('a row names who holds the wish, and a claim nobody started for a day is marked stalled', async () => {
  const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '帮忙搬一下柜子' }));
  await secretary.ok('dispatch', 'approve', { wishId: wish.id });
  await volunteer.ok('tasks', 'claim', { wishId: wish.id });
  await volunteer.ok('tasks', 'extend', { wishId: wish.id });
  const row = async () => (await secretary.ok('dispatch', 'board', { status: 'claimed' })).items.find((r: any) => r.wish.id === wish.id);
  const fresh = await row();
  expect(fresh.holders).toEqual([{ kind: 'user', id: volunteer.user.id, name: '张晓东' }]);
  expect(fresh.stall).toBeUndefined();
  expect(fresh.heldSince).toEqual(expect.any(String));

  server.clock.advanceHours(25);
  expect((await row()).stall).toBe('unstarted');
  // The town reads the same board, and still may not take the claim back.
  expect((await town.ok('dispatch', 'board', { status: 'claimed', communityId: 'com-taoyuan' })).items.map((r: any) => r.wish.id)).toContain(wish.id);
  expect((await town.call('dispatch', 'recall', { wishId: wish.id, reason: '太慢了' })).body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

  await volunteer.ok('tasks', 'start', { wishId: wish.id });
  const working = (await secretary.ok('dispatch', 'board', { status: 'in_progress' })).items.find((r: any) => r.wish.id === wish.id);
  expect(working.holders).toEqual([{ kind: 'user', id: volunteer.user.id, name: '张晓东', started: true }]);
  expect(working.stall).toBeUndefined();
});
