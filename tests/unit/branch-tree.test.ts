import { branchRefusal, rollUp, treeProblems, unitBranchOf, type BranchNode } from '@shared';

/** The seed's tree in 花园镇, with a unit's branch (单位党支部) under the 党总支. */
const tree: BranchNode[] = [
  { id: 'town', level: 'town', name: '花园镇党委', townId: 't' },
  { id: 'zz', level: 'community', name: '桃源社区党总支', parentId: 'town', townId: 't', communityId: 'c' },
  { id: 'xq', level: 'compound', name: '桃源小区党支部', parentId: 'zz', townId: 't', communityId: 'c' },
  { id: 'xq2', level: 'compound', name: '幸福里党支部', parentId: 'zz', townId: 't', communityId: 'c' },
  { id: 'g5', level: 'building', name: 'G5栋党小组', parentId: 'xq', townId: 't', communityId: 'c' },
  { id: 'fy', level: 'unit', name: '妇幼保健院党支部', parentId: 'zz', townId: 't', communityId: 'c', unitId: 'unit-fy' },
  { id: 'other', level: 'community', name: '狮子山社区党总支', parentId: 'town', townId: 't', communityId: 'c2' },
];

describe('a branch edit keeps one tree', () => {
  test('the seed tree is valid, and a member in a missing or closed branch is a problem', () => {
    expect(treeProblems(tree, [{ userId: 'u1', partyBranchId: 'g5' }])).toEqual([]);
    expect(treeProblems([...tree.filter((b) => b.id !== 'g5'), { ...tree[4], closedAt: new Date() }], [{ userId: 'u1', partyBranchId: 'g5' }, { userId: 'u2', partyBranchId: 'gone' }])).toEqual([
      'u1: 所在党组织 g5 已撤销',
      'u2: 所在党组织 gone 不存在',
    ]);
  });

  test('moving a branch under itself or under a branch below it is a loop', () => {
    expect(branchRefusal(tree, { kind: 'move', id: 'xq', parentId: 'g5' })?.message).toBe('不能把党组织移到它自己或它的下级之下');
    expect(branchRefusal(tree, { kind: 'move', id: 'zz', parentId: 'zz' })?.message).toBe('不能把党组织移到它自己或它的下级之下');
  });

  test('each level goes under the level above it, in the same town and community', () => {
    expect(branchRefusal(tree, { kind: 'move', id: 'g5', parentId: 'xq2' })).toBeNull();
    expect(branchRefusal(tree, { kind: 'move', id: 'g5', parentId: 'zz' })?.message).toBe('楼栋党小组的上级应是小区党支部');
    expect(branchRefusal(tree, { kind: 'move', id: 'xq', parentId: 'other' })?.message).toBe('上级党组织不在同一个社区');
    expect(branchRefusal(tree, { kind: 'move', id: 'fy', parentId: 'town' })).toBeNull();
    expect(branchRefusal(tree, { kind: 'move', id: 'town', parentId: 'zz' })?.message).toBe('镇党委是最上级党组织，不能移动');
    expect(branchRefusal(tree, { kind: 'create', branch: { id: 'n', level: 'compound', parentId: 'nowhere', townId: 't', communityId: 'c' } })?.message).toBe('上级党组织不存在');
    expect(branchRefusal(tree, { kind: 'create', branch: { id: 'n', level: 'building', parentId: 'xq', townId: 't2', communityId: 'c' } })?.message).toBe('上级党组织不在同一个镇');
  });

  test('nothing goes under, or is renamed in, a closed branch', () => {
    const closed = tree.map((b) => (b.id === 'xq2' ? { ...b, closedAt: '2026-12-01T00:00:00Z' } : b));
    expect(branchRefusal(closed, { kind: 'move', id: 'g5', parentId: 'xq2' })?.message).toBe('上级党组织「幸福里党支部」已撤销');
    expect(branchRefusal(closed, { kind: 'rename', id: 'xq2' })?.message).toBe('「幸福里党支部」已撤销');
  });

  test('closing: refused with open branches under it or members left in it; members may only go within the community or to the town committee', () => {
    expect(branchRefusal(tree, { kind: 'close', id: 'xq', members: 0 })?.message).toBe('请先撤销或移走下级党组织：G5栋党小组');
    expect(branchRefusal(tree, { kind: 'close', id: 'g5', members: 3 })?.path).toBe('moveMembersTo');
    expect(branchRefusal(tree, { kind: 'close', id: 'g5', members: 0 })).toBeNull();
    expect(branchRefusal(tree, { kind: 'close', id: 'g5', members: 3, moveMembersTo: 'xq2' })).toBeNull();
    expect(branchRefusal(tree, { kind: 'close', id: 'g5', members: 3, moveMembersTo: 'town' })).toBeNull();
    expect(branchRefusal(tree, { kind: 'close', id: 'g5', members: 3, moveMembersTo: 'other' })?.message).toBe('只能转到本社区的党组织或镇党委');
    expect(branchRefusal(tree, { kind: 'close', id: 'g5', members: 3, moveMembersTo: 'g5' })?.path).toBe('moveMembersTo');
  });
});

describe('totals roll up the tree', () => {
  const zero = { services: 0, hours: 0 };
  test('a 楼栋党小组’s service counts for its 党支部, 党总支 and 镇党委; nothing counts sideways', () => {
    const totals = rollUp(tree, [{ branchIds: ['g5'], values: { services: 1, hours: 2 } }], zero);
    for (const id of ['g5', 'xq', 'zz', 'town']) expect(totals.get(id)).toEqual({ services: 1, hours: 2 });
    for (const id of ['xq2', 'fy', 'other']) expect(totals.get(id)).toEqual(zero);
  });

  test('a 双报到 party member’s service counts for their unit’s branch and their 党小组, and once for the 党总支 over both', () => {
    const fy = unitBranchOf(tree, 'unit-fy')!.id;
    const totals = rollUp(tree, [{ branchIds: ['g5', fy], values: { services: 1, hours: 1.5 } }, { branchIds: [null, undefined], values: { services: 4, hours: 4 } }], zero);
    expect(totals.get('fy')).toEqual({ services: 1, hours: 1.5 });
    expect(totals.get('g5')).toEqual({ services: 1, hours: 1.5 });
    expect(totals.get('zz')).toEqual({ services: 1, hours: 1.5 });
    expect(totals.get('town')).toEqual({ services: 1, hours: 1.5 });
  });
});
