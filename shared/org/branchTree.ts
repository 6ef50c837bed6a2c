import { BranchParentLevels, PartyBranchLevelLabels, type PartyBranchLevel } from '../vocab/orgLevels';

/**
 * The party tree's rules (镇党委 → 社区党总支 → 小区党支部 → 楼栋党小组, and 单位党支部 beside them): every edit is
 * checked against the whole tree of the town before it is written, so the tree stays one tree — each open branch
 * under an open branch of the level above, in the same town and community, no loops — and no member is left in a
 * branch that is gone.
 */
export interface BranchNode {
  id: string;
  level: PartyBranchLevel;
  name?: string;
  parentId?: string;
  townId: string;
  communityId?: string;
  unitId?: string;
  closedAt?: unknown;
}

export interface BranchProblem {
  path: string;
  message: string;
}

export type BranchEdit =
  | { kind: 'create'; branch: BranchNode }
  | { kind: 'rename'; id: string }
  | { kind: 'move'; id: string; parentId: string }
  /** `members`: how many people are in the branch now; `moveMembersTo`: where they go when it closes. */
  | { kind: 'close'; id: string; members: number; moveMembersTo?: string };

const label = (level: PartyBranchLevel) => PartyBranchLevelLabels[level];
const isOpen = (b: BranchNode) => !b.closedAt;

export function branchIndex<T extends BranchNode>(nodes: readonly T[]): Map<string, T> {
  return new Map(nodes.map((b) => [b.id, b]));
}

/** The branch and those above it, nearest first; stops at a missing parent or where the walk would go round. */
export function ancestorsOf(byId: ReadonlyMap<string, BranchNode>, id: string): string[] {
  const seen: string[] = [];
  for (let at: string | undefined = id; at !== undefined && !seen.includes(at); at = byId.get(at)?.parentId) {
    if (!byId.has(at)) break;
    seen.push(at);
  }
  return seen;
}

/** Whether following parents up from this branch comes back to it. */
function inLoop(byId: ReadonlyMap<string, BranchNode>, id: string): boolean {
  const seen = new Set<string>();
  for (let at = byId.get(id)?.parentId; at !== undefined; at = byId.get(at)?.parentId) {
    if (at === id) return true;
    if (seen.has(at)) return false;
    seen.add(at);
  }
  return false;
}

/**
 * A member of a community may be in one of its own branches or in its town's committee: the branch a service of
 * theirs counts for must be one the community's staff look after.
 */
export function branchServes(branch: BranchNode, member: { communityId: string; townId: string }): boolean {
  return branch.communityId === member.communityId || (branch.level === 'town' && branch.townId === member.townId);
}

/** What is wrong with where this branch stands in the tree (`byId` holds the tree with the branch as it would be), or null. */
export function placementProblem(byId: ReadonlyMap<string, BranchNode>, node: BranchNode): BranchProblem | null {
  const allowed = BranchParentLevels[node.level];
  if (allowed.length === 0) return node.parentId === undefined ? null : { path: 'parentId', message: `${label(node.level)}是最上级党组织，没有上级` };
  if (node.level !== 'town' && node.level !== 'unit' && node.communityId === undefined) return { path: 'communityId', message: `${label(node.level)}须属于一个社区` };
  if (node.parentId === undefined) return { path: 'parentId', message: `${label(node.level)}须有上级党组织` };
  const parent = byId.get(node.parentId);
  if (!parent) return { path: 'parentId', message: '上级党组织不存在' };
  if (node.parentId === node.id || inLoop(byId, node.id)) return { path: 'parentId', message: '不能把党组织移到它自己或它的下级之下' };
  if (!isOpen(parent)) return { path: 'parentId', message: `上级党组织「${parent.name ?? parent.id}」已撤销` };
  if (!allowed.includes(parent.level)) return { path: 'parentId', message: `${label(node.level)}的上级应是${allowed.map(label).join('或')}` };
  if (parent.townId !== node.townId) return { path: 'parentId', message: '上级党组织不在同一个镇' };
  if (parent.level !== 'town' && parent.communityId !== node.communityId) return { path: 'parentId', message: '上级党组织不在同一个社区' };
  return null;
}

/** Why this edit may not be made to the tree, or null: the one check every branch edit passes before it is written. */
export function branchRefusal(nodes: readonly BranchNode[], edit: BranchEdit): BranchProblem | null {
  const byId = branchIndex(nodes);
  if (edit.kind === 'create') {
    if (byId.has(edit.branch.id)) return { path: 'id', message: '党组织已存在' };
    byId.set(edit.branch.id, edit.branch);
    return placementProblem(byId, edit.branch);
  }
  const node = byId.get(edit.id);
  if (!node) return { path: 'id', message: '党组织不存在' };
  if (!isOpen(node)) return { path: 'id', message: `「${node.name ?? node.id}」已撤销` };
  if (edit.kind === 'rename') return null;
  if (edit.kind === 'move') {
    if (node.level === 'town') return { path: 'parentId', message: '镇党委是最上级党组织，不能移动' };
    const moved = { ...node, parentId: edit.parentId };
    byId.set(node.id, moved);
    return placementProblem(byId, moved);
  }
  const children = nodes.filter((b) => b.parentId === node.id && isOpen(b));
  if (children.length > 0) {
    return { path: 'id', message: `请先撤销或移走下级党组织：${children.map((c) => c.name ?? c.id).join('、')}` };
  }
  if (edit.moveMembersTo === undefined) {
    return edit.members > 0 ? { path: 'moveMembersTo', message: `该党组织还有 ${edit.members} 名成员，请选择把他们转到哪个党组织` } : null;
  }
  const target = byId.get(edit.moveMembersTo);
  if (!target || target.id === node.id) return { path: 'moveMembersTo', message: '请选择另一个党组织接收成员' };
  if (!isOpen(target)) return { path: 'moveMembersTo', message: `「${target.name ?? target.id}」已撤销` };
  const home = node.communityId;
  if (target.townId !== node.townId || (home !== undefined && !branchServes(target, { communityId: home, townId: node.townId }))) {
    return { path: 'moveMembersTo', message: '只能转到本社区的党组织或镇党委' };
  }
  return null;
}

/** Every problem of a tree, and of the members placed in it: what "the tree is valid" means (none). */
export function treeProblems(nodes: readonly BranchNode[], members: readonly { userId: string; partyBranchId?: string }[] = []): string[] {
  const byId = branchIndex(nodes);
  const problems: string[] = [];
  for (const b of nodes) {
    if (!isOpen(b)) continue;
    const p = placementProblem(byId, b);
    if (p) problems.push(`${b.id}: ${p.message}`);
  }
  for (const m of members) {
    if (m.partyBranchId === undefined) continue;
    const b = byId.get(m.partyBranchId);
    if (!b || !isOpen(b)) problems.push(`${m.userId}: 所在党组织 ${m.partyBranchId} ${b ? '已撤销' : '不存在'}`);
  }
  return problems;
}

/** Branches as the tree reads top down: each under its parent, depth-first from the roots (and from any whose parent is not among them). */
export function inTreeOrder<T extends { id: string; parentId?: string }>(nodes: readonly T[]): { node: T; depth: number }[] {
  const ids = new Set(nodes.map((b) => b.id));
  const out: { node: T; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (parentId: string | undefined, depth: number) => {
    for (const b of nodes) {
      const root = parentId === undefined && (b.parentId === undefined || !ids.has(b.parentId));
      if (seen.has(b.id) || !(root || (parentId !== undefined && b.parentId === parentId))) continue;
      seen.add(b.id);
      out.push({ node: b, depth });
      walk(b.id, depth + 1);
    }
  };
  walk(undefined, 0);
  return out;
}

/** The 单位党支部 of a co-building unit (an open one first): where a 双报到 party member's service also counts. */
export function unitBranchOf(nodes: readonly BranchNode[], unitId: string | undefined): BranchNode | undefined {
  if (unitId === undefined) return undefined;
  const of = nodes.filter((b) => b.level === 'unit' && b.unitId === unitId);
  return of.find(isOpen) ?? of[0];
}

/**
 * Totals rolled up the tree (楼栋党小组 → 小区党支部 → 社区党总支 → 镇党委): each row (a service, a member) counts once
 * for every branch it is in and every branch above those, however many of its branches meet higher up, so a 双报到
 * party member's service counts for their unit's branch and their 楼栋党小组, and once for the 党总支 over both.
 */
export function rollUp<T extends { [K in keyof T]: number }>(
  nodes: readonly BranchNode[],
  rows: readonly { branchIds: readonly (string | null | undefined)[]; values: T }[],
  zero: T,
): Map<string, T> {
  const byId = branchIndex(nodes);
  const totals = new Map<string, T>(nodes.map((b) => [b.id, { ...zero }]));
  for (const row of rows) {
    const reached = new Set(row.branchIds.flatMap((id) => (id ? ancestorsOf(byId, id) : [])));
    for (const id of reached) {
      const t = totals.get(id)! as Record<string, number>;
      for (const [k, v] of Object.entries(row.values) as [string, number][]) t[k] = (t[k] ?? 0) + v;
    }
  }
  return totals;
}
