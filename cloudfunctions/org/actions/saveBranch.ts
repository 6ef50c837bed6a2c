import { AppError, branchRefusal, type BranchNode } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { withId } from '../../_core/access/orgAccess';
import { newId } from '../../_core/store/ids';
import type { PartyBranchDoc } from '../../_core/store/types';
import { branchScope, editable, leanedOnClosed, mayEdit, nodesOf, refuse } from '../branches';

/**
 * Creates a party branch under another, renames one, or moves one under another branch of the level above. The
 * whole town's tree is read and the edit checked against it (shared/org `branchRefusal`) in one transaction that
 * also writes the branch it goes under, so a branch closed meanwhile takes no child.
 */
export default defineAction({
  input: ActionSchemas.org.saveBranch,
  roles: ['secretary', 'town_admin'],
  async run({ input, caller, rt }) {
    const scope = await branchScope(rt, caller);
    const now = rt.now();
    const branch = await rt.repos.inTransaction(async ({ org, communities }) => {
      const tree = await org.branchesOfTown(scope.townId);
      if (input.id === undefined) {
        const parent = tree.find((b) => b._id === input.parentId);
        const communityId = scope.communityId ?? (parent?.level === 'town' ? input.communityId : parent?.communityId);
        let unitId: string | undefined;
        if (input.level === 'unit') {
          const unit = communityId ? await org.unit(communityId, input.unitId!) : null;
          if (!unit) throw new AppError('VALIDATION_FAILED', '本社区没有这个单位', { fields: [{ path: 'unitId', message: '本社区没有这个单位' }] });
          if (tree.some((b) => b.unitId === unit._id && !b.closedAt)) throw new AppError('CONFLICT', `${unit.name}已有单位党支部`);
          unitId = unit._id;
        } else if (input.unitId !== undefined) {
          throw new AppError('VALIDATION_FAILED', '只有单位党支部属于单位', { fields: [{ path: 'unitId', message: '只有单位党支部属于单位' }] });
        }
        if (scope.communityId === undefined && communityId !== undefined && (await communities.idsOfTown(scope.townId, communityId)).length === 0) {
          throw new AppError('NOT_FOUND', '社区不存在');
        }
        const doc: PartyBranchDoc = {
          _id: newId(), level: input.level!, name: input.name!, parentId: input.parentId, townId: scope.townId,
          ...(communityId ? { communityId } : {}), ...(unitId ? { unitId } : {}), createdAt: now,
        };
        const node: BranchNode = { ...doc, id: doc._id };
        refuse(branchRefusal(nodesOf(tree), { kind: 'create', branch: node }));
        if (!mayEdit(scope, doc)) throw new AppError('NOT_FOUND', '上级党组织不存在');
        if (!(await org.updateOpenBranch(input.parentId!, now))) throw leanedOnClosed();
        await org.insertBranch(doc);
        return doc;
      }
      const current = editable(scope, tree, input.id);
      if (input.parentId !== undefined && input.parentId !== current.parentId) {
        refuse(branchRefusal(nodesOf(tree), { kind: 'move', id: current._id, parentId: input.parentId }));
        if (!(await org.updateOpenBranch(input.parentId, now))) throw leanedOnClosed();
      } else {
        refuse(branchRefusal(nodesOf(tree), { kind: 'rename', id: current._id }));
      }
      const set = { ...(input.name !== undefined ? { name: input.name } : {}), ...(input.parentId !== undefined ? { parentId: input.parentId } : {}) };
      if (!(await org.updateOpenBranch(current._id, now, set))) throw new AppError('CONFLICT', '该党组织刚刚被撤销');
      return { ...current, ...set, updatedAt: now };
    });
    return { branch: withId(branch) };
  },
});
