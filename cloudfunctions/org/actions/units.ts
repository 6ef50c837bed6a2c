import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { requireCommunity } from '../../_core/caller';
import { collections } from '../../_core/store/collections';
import { withId } from '../../_core/orgAccess';
import { maskPhone } from '@shared';

/** 共驻共建单位 of the community; contact phones in full for the secretary only. */
export default defineAction({
  input: ActionSchemas.org.units,
  async run({ caller, rt }) {
    const items = await collections(rt.db).units.find({ communityId: requireCommunity(caller) }).sort({ name: 1 }).toArray();
    const staff = caller.roles.includes('secretary');
    return { items: items.map((u) => ({ ...withId(u), contactPhone: staff || !u.contactPhone ? u.contactPhone : maskPhone(u.contactPhone) })) };
  },
});
