import { AppError, type BranchProblem } from '@shared';
import type { Caller } from '../_core/access/caller';
import { loadCommunity } from '../_core/store/loadCommunity';
import type { PartyBranchDoc } from '../_core/store/types';
import type { Runtime } from '../_core/runtime/types';

/**
 * Who edits which party branches: a community's secretary those of their community (the 党总支 and everything
 * under it, its units' branches), a town admin (镇党委) every branch of the town. Someone else's branch is "not found".
 */
export interface BranchScope {
  townId: string;
  /** Set for a secretary: only this community's branches. */
  communityId?: string;
}

export async function branchScope(rt: Runtime, caller: Caller): Promise<BranchScope> {
  if (caller.communityId && caller.roles.includes('secretary')) {
    const { townId } = await loadCommunity(rt, caller.communityId);
    return { townId, communityId: caller.communityId };
  }
  if (caller.roles.includes('town_admin') && caller.townId) return { townId: caller.townId };
  throw new AppError('FORBIDDEN', '只有社区书记或镇街管理员可以管理党组织');
}

export function mayEdit(scope: BranchScope, branch: Pick<PartyBranchDoc, 'townId' | 'communityId'>): boolean {
  return branch.townId === scope.townId && (scope.communityId === undefined || branch.communityId === scope.communityId);
}

/** The branch, when this scope may edit it; "not found" otherwise, as for a branch that does not exist. */
export function editable(scope: BranchScope, tree: readonly PartyBranchDoc[], id: string): PartyBranchDoc {
  const branch = tree.find((b) => b._id === id);
  if (!branch || !mayEdit(scope, branch)) throw new AppError('NOT_FOUND', '党组织不存在');
  return branch;
}

export function refuse(problem: BranchProblem | null): void {
  if (problem) throw new AppError('VALIDATION_FAILED', problem.message, { fields: [problem] });
}

/** The tree as shared/org checks it. */
export const nodesOf = (tree: readonly PartyBranchDoc[]) => tree.map(({ _id, ...b }) => ({ ...b, id: _id }));

/** An edit raced another on the branch it leans on (closed meanwhile): nothing was written. */
export function leanedOnClosed(): AppError {
  return new AppError('CONFLICT', '上级党组织刚刚被撤销，请刷新后重试');
}
