/**
 * The party tree of the seed, edited by its staff (issue 13.4): 镇党委 → 社区党总支 → 小区党支部 → 楼栋党小组, with 单位党支部
 * beside them. Every edit leaves one valid tree (shared/org `treeProblems`: each open branch under an open branch of
 * the level above, no loops) and nobody in a branch that is gone.
 */
import { treeProblems, type BranchNode } from '@shared';
import { startTestServer, type Client, type TestServer } from './harness';

let server: TestServer;
let secretary: Client;

beforeAll(async () => {
  server = await startTestServer();
  secretary = await server.login('secretary');
});
afterAll(async () => {
  await server?.stop();
});

type BranchDoc = Omit<BranchNode, 'id'> & { _id: string };
const branches = () => server.db.collection<BranchDoc>('party_branches');

/** The whole stored tree and everyone placed in it, as shared/org checks them: the list of what is wrong. */
async function problems(): Promise<string[]> {
  const nodes = (await branches().find({}).toArray()).map(({ _id, ...b }) => ({ ...b, id: _id }));
  const users = await server.db.collection<{ _id: string; memberships: { partyBranchId?: string }[] }>('users').find({}).toArray();
  const members = users.flatMap((u) => u.memberships.map((m) => ({ userId: u._id, partyBranchId: m.partyBranchId })));
  return treeProblems(nodes, members);
}

const branchOf = async (userId: string) =>
  (await server.db.collection<{ _id: string; memberships: { communityId?: string; partyBranchId?: string }[] }>('users').findOne({ _id: userId }))!.memberships.find(
    (m) => m.communityId === 'com-taoyuan',
  )?.partyBranchId;

describe('a secretary edits the branches of their community', () => {
  test('creates a 小区党支部 and a 楼栋党小组 under it, renames it, and moves a 党小组 between 支部', async () => {
    const { branch: xq } = await secretary.ok('org', 'saveBranch', { name: '幸福里小区党支部', level: 'compound', parentId: 'pb-taoyuan' });
    expect(xq).toMatchObject({ level: 'compound', parentId: 'pb-taoyuan', townId: 'town-huayuan', communityId: 'com-taoyuan' });
    const { branch: group } = await secretary.ok('org', 'saveBranch', { name: '1栋党小组', level: 'building', parentId: xq.id });
    await secretary.ok('org', 'saveBranch', { id: xq.id, name: '幸福里党支部' });
    await secretary.ok('org', 'saveBranch', { id: 'pb-taoyuan-g5', parentId: xq.id });

    const { items } = await secretary.ok('org', 'partyBranches');
    expect(items.find((b: { id: string }) => b.id === xq.id).name).toBe('幸福里党支部');
    expect(items.find((b: { id: string }) => b.id === 'pb-taoyuan-g5').parentId).toBe(xq.id);
    expect(items.find((b: { id: string }) => b.id === group.id).parentId).toBe(xq.id);
    expect(await problems()).toEqual([]);
    await secretary.ok('org', 'saveBranch', { id: 'pb-taoyuan-g5', parentId: 'pb-taoyuan-xq' });
  });

  test('no loops and no skipped levels: a branch never goes under itself, its own 党小组, or a branch two levels up', async () => {
    const before = await branches().find({}).toArray();
    const refused = [
      { id: 'pb-taoyuan-xq', parentId: 'pb-taoyuan-g5' },
      { id: 'pb-taoyuan-xq', parentId: 'pb-taoyuan-xq' },
      { id: 'pb-taoyuan-g5', parentId: 'pb-taoyuan' },
      { id: 'pb-taoyuan', parentId: 'pb-taoyuan-xq' },
    ];
    const messages = [];
    for (const edit of refused) {
      const r = await secretary.call('org', 'saveBranch', edit);
      expect(r.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'parentId' }] } } });
      messages.push(r.body.ok ? '' : r.body.error.message);
    }
    expect(messages[0]).toBe('不能把党组织移到它自己或它的下级之下');
    expect(messages[2]).toBe('楼栋党小组的上级应是小区党支部');
    const made = await secretary.call('org', 'saveBranch', { name: '跳级党小组', level: 'building', parentId: 'pb-taoyuan' });
    expect(made.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await branches().find({}).toArray()).toEqual(before);
  });

  test('another community’s or the town’s branches are not theirs to edit, nor to put a branch under', async () => {
    for (const id of ['pb-huayuan', 'pb-shizishan', 'pb-xcy']) {
      const r = await secretary.call('org', 'saveBranch', { id, name: '改名' });
      expect(r.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    const under = await secretary.call('org', 'saveBranch', { name: '外社区小组', level: 'building', parentId: 'pb-xcy' });
    expect(under.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'parentId' }] } } });
    const volunteer = await server.login('party_member');
    expect((await volunteer.call('org', 'saveBranch', { id: 'pb-taoyuan-g5', name: '改名' })).body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await branches().countDocuments({ name: '改名' })).toBe(0);
  });
});

describe('closing a branch leaves nobody behind', () => {
  test('refused while branches hang under it or people are in it; with a branch to move them to, they move and it closes', async () => {
    const underIt = await secretary.call('org', 'closeBranch', { id: 'pb-taoyuan-xq' });
    expect(underIt.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: '请先撤销或移走下级党组织：G5栋党小组' } });

    const withMembers = await secretary.call('org', 'closeBranch', { id: 'pb-taoyuan-g5' });
    expect(withMembers.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'moveMembersTo' }] } } });
    const elsewhere = await secretary.call('org', 'closeBranch', { id: 'pb-taoyuan-g5', moveMembersTo: 'pb-shizishan' });
    expect(elsewhere.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await branchOf('u-party_member')).toBe('pb-taoyuan-g5');

    const { branch: spare } = await secretary.ok('org', 'saveBranch', { name: 'G6栋党小组', level: 'building', parentId: 'pb-taoyuan-xq' });
    const closed = await secretary.ok('org', 'closeBranch', { id: 'pb-taoyuan-g5', moveMembersTo: spare.id });
    expect(closed.movedMembers).toBe(1);
    expect(await branchOf('u-party_member')).toBe(spare.id);
    expect(await problems()).toEqual([]);

    const { items } = await secretary.ok('org', 'partyBranches');
    expect(items.map((b: { id: string }) => b.id)).not.toContain('pb-taoyuan-g5');
    // A closed branch takes nobody, no child, and no new name.
    const put = await secretary.call('org', 'roles', { userId: 'u-volunteer', roles: ['resident', 'volunteer'], partyBranchId: 'pb-taoyuan-g5' });
    expect(put.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'partyBranchId' }] } } });
    const child = await secretary.call('org', 'saveBranch', { name: '新党小组', level: 'building', parentId: 'pb-taoyuan-g5' });
    expect(child.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const rename = await secretary.call('org', 'saveBranch', { id: 'pb-taoyuan-g5', name: '复活' });
    expect(rename.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  test('a close racing a member put in the branch and a child put under it: the tree stays valid whichever wins', async () => {
    for (let round = 0; round < 4; round++) {
      const { branch: target } = await secretary.ok('org', 'saveBranch', { name: `待撤销党支部${round}`, level: 'compound', parentId: 'pb-taoyuan' });
      const { branch: keep } = await secretary.ok('org', 'saveBranch', { name: `接收党支部${round}`, level: 'compound', parentId: 'pb-taoyuan' });
      const replies = await Promise.all([
        secretary.call('org', 'closeBranch', { id: target.id }),
        secretary.call('org', 'roles', { userId: 'u-volunteer2', roles: ['resident', 'volunteer'], partyBranchId: target.id }),
        secretary.call('org', 'saveBranch', { name: `新党小组${round}`, level: 'building', parentId: target.id }),
      ]);
      for (const r of replies) expect([200, 400, 409]).toContain(r.status);
      expect(await problems()).toEqual([]);
      // Clean up so the next round starts from an empty branch.
      await secretary.ok('org', 'roles', { userId: 'u-volunteer2', roles: ['resident', 'volunteer'], partyBranchId: keep.id });
    }
  });
});

describe('the town committee (镇党委) edits the town’s tree', () => {
  test('a town admin makes a 社区党总支 for a community of the town, and not for one of another town', async () => {
    const town = await server.login('town_admin');
    const { branch } = await town.ok('org', 'saveBranch', { name: '花园街社区党总支', level: 'community', parentId: 'pb-huayuan', communityId: 'com-huayuanjie' });
    expect(branch).toMatchObject({ communityId: 'com-huayuanjie', parentId: 'pb-huayuan', townId: 'town-huayuan' });
    const foreign = await town.call('org', 'saveBranch', { name: '外镇党总支', level: 'community', parentId: 'pb-huayuan', communityId: 'com-shizishan' });
    expect(foreign.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await town.call('org', 'saveBranch', { id: 'pb-xcy', name: '改名' })).body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await problems()).toEqual([]);
  });
});
