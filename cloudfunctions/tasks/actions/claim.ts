import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { announceEvent } from '../../_core/notify/announcements';
import { applyAction, assertAllowed } from '../../_core/wishes/apply';
import { unlessDeactivated } from '../../_core/wishes/vacate';
import { wishView } from '../../_core/wishes/views';
import { leaseOf } from '../lease';

/**
 * Take one free place of an open wish (a unit takes every free place) under a lease.
 * The write is conditional on the state, the free places and my not holding one: under
 * any concurrency each place has exactly one winner (see _core/apply.ts).
 */
export default defineAction({
  input: ActionSchemas.tasks.claim,
  roles: ['volunteer', 'party_member', 'unit_admin'],
  // 200 helpers tapping one wish at once take turns at its places, and once it is full each is refused by one read.
  turnsOn: (input) => `wish:${input.wishId}`,
  async refuseEarly({ input, caller, rt }) {
    const wish = await rt.repos.wishes.load(input.wishId);
    await assertAllowed(rt, { wish, action: 'claim', caller, input: { asUnit: input.asUnit } });
  },
  async run({ input, caller, rt }) {
    const wish = await rt.repos.wishes.load(input.wishId);
    const { wish: after, event } = await applyAction(rt, { wish, action: 'claim', caller, input: { asUnit: input.asUnit } });
    await unlessDeactivated(rt, after, caller.id, caller.communityId);
    await announceEvent(rt, after, event, { actorName: caller.user.name });
    return { wish: wishView(after, caller), leaseUntil: leaseOf(after, caller) };
  },
});
