import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { requireCommunity } from '../../_core/caller';
import { withId } from '../../_core/orgAccess';
import { maskPhone } from '@shared';

/** 共驻共建单位 of the community; contact phones in full for the secretary only. */
export default defineAction({
  input: ActionSchemas.org.units,
  async run({ caller, rt }) {
    const items = await rt.repos.org.units(requireCommunity(caller));
    const staff = caller.roles.includes('secretary');
    return { items: items.map((u) => ({ ...withId(u), contactPhone: staff || !u.contactPhone ? u.contactPhone : maskPhone(u.contactPhone) })) };
  },
});
