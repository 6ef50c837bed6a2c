import { AppError, branchRefusal } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { withId } from '../../_core/access/orgAccess';
import { userCache } from '../../_core/access/caller';
import { branchScope, editable, leanedOnClosed, nodesOf, refuse } from '../branches';

/**
 * 撤销 a party branch: refused while open branches hang under it, and while it has members unless they are moved
 * to another branch of the community (or the town's committee) in the same transaction, so nobody is left in a
 * branch that is gone. The branch stays, closed, so what was once counted for it keeps its name.
 */
export default defineAction({
  input: ActionSchemas.org.closeBranch,
  roles: ['secretary', 'town_admin'],
  async run({ input, caller, rt }) {
    const scope = await branchScope(rt, caller);
    const now = rt.now();
    const { branch, movedMembers } = await rt.repos.inTransaction(async ({ org, users }) => {
      const tree = await org.branchesOfTown(scope.townId);
      const current = editable(scope, tree, input.id);
      const members = await users.countInBranch(current._id);
      refuse(branchRefusal(nodesOf(tree), { kind: 'close', id: current._id, members, moveMembersTo: input.moveMembersTo }));
      let moved = 0;
      if (input.moveMembersTo !== undefined) {
        if (!(await org.updateOpenBranch(input.moveMembersTo, now))) throw leanedOnClosed();
        moved = await users.moveBranchMembers(current._id, input.moveMembersTo, now);
      }
      if (!(await org.updateOpenBranch(current._id, now, { closedAt: now }))) throw new AppError('CONFLICT', '该党组织已被撤销');
      return { branch: { ...current, closedAt: now, updatedAt: now }, movedMembers: moved };
    });
    // The moved members' next calls read the branch they are in now.
    if (movedMembers > 0) userCache.forgetWhere(rt.repos, (u) => u.memberships.some((m) => m.partyBranchId === input.id));
    return { branch: withId(branch), movedMembers };
  },
});
