import { randomBytes } from 'node:crypto';
import { AppError } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { requireCommunity } from '../../_core/access/caller';
import { newId } from '../../_core/store/ids';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I: read aloud over the phone

function code(): string {
  return [...randomBytes(8)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** An invite code to join the community in a role; a unit admin invites members to their own unit. */
export default defineAction({
  input: ActionSchemas.org.invites,
  roles: ['secretary', 'unit_admin', 'grid_worker'],
  async run({ input, caller, rt }) {
    const communityId = requireCommunity(caller);
    const secretary = caller.roles.includes('secretary');
    let unitId = input.unitId;
    if (!secretary) {
      if (caller.roles.includes('unit_admin')) {
        unitId = caller.membership?.unitId;
        if (input.role !== 'volunteer' && input.role !== 'party_member') throw new AppError('FORBIDDEN', '单位管理员只能邀请单位成员');
      } else if (input.role !== 'resident') {
        throw new AppError('FORBIDDEN', '网格员只能邀请居民');
      }
    }
    // An invite grants what it names: a unit or grid of another community would open that community's work to ours.
    if (unitId && !(await rt.repos.org.unit(communityId, unitId))) throw new AppError('NOT_FOUND', '本社区没有这个单位');
    if (input.gridId && !(await rt.repos.org.grid(communityId, input.gridId))) throw new AppError('NOT_FOUND', '本社区没有这个网格');
    const now = rt.now();
    const invite = {
      _id: newId(), code: code(), communityId, role: input.role, ...(unitId ? { unitId } : {}), ...(input.gridId ? { gridId: input.gridId } : {}),
      createdBy: caller.id, expiresAt: new Date(now.getTime() + input.expiresInHours * 3600_000), maxUses: input.maxUses, uses: 0, createdAt: now,
    };
    await rt.repos.invites.insert(invite);
    return { code: invite.code, role: invite.role, expiresAt: invite.expiresAt, maxUses: invite.maxUses };
  },
});
