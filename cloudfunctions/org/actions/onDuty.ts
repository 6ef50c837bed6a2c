import { HelperRoles, declaredOnDuty, dutySlotText, onDutyOf, type OnDutyHelper, type Role } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { requireCommunity } from '../../_core/access/caller';
import { actorFor } from '../../_core/access/wishAccess';

const MAX = 200;

/** Who of the community's helpers is on duty now by their own roster: the people staff can phone (shared/privacy `onDutyOf` decides who gets the phones). */
export default defineAction({
  input: ActionSchemas.org.onDuty,
  roles: ['secretary', 'grid_worker'],
  async run({ caller, rt }) {
    const communityId = requireCommunity(caller);
    const now = rt.now();
    const helpers = await rt.repos.users.helpersOf(communityId, MAX);
    const rosters = await rt.repos.duty.ofMany(helpers.map((h) => h._id));
    const items: OnDutyHelper[] = [];
    for (const h of helpers) {
      const roster = rosters.get(h._id);
      if (!roster || !declaredOnDuty(roster, now)) continue;
      const roles = (h.memberships.find((m) => m.communityId === communityId)?.roles ?? []).filter((r): r is Role => (HelperRoles as readonly string[]).includes(r));
      items.push({ id: h._id, name: h.name, ...(h.phone ? { phone: h.phone } : {}), roles, hours: roster.slots.map(dutySlotText), urgentAlerts: roster.urgentAlerts });
    }
    return { items: onDutyOf(items, communityId, actorFor(caller, { communityId })), at: now.toISOString() };
  },
});
