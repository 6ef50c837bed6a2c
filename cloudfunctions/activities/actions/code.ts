import { CHECKIN_CODE_PERIOD_MS, StaffRoles, checkInPayload, codeGoodUntil } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { assertStepOpen, staffActivity } from '../../_core/activities/access';
import { currentCode } from '../../_core/activities/code';

/** The organiser's screen: this minute's code, and what its QR code carries. Derived from the clock: showing it writes nothing. */
export default defineAction({
  roles: StaffRoles,
  input: ActionSchemas.activities.code,
  async run({ input, caller, rt }) {
    const a = await staffActivity(rt.repos, caller, input.activityId);
    const now = rt.now();
    assertStepOpen('showCode', a, now);
    const code = currentCode(a, now);
    return { code, payload: checkInPayload(a._id, code), goodUntil: codeGoodUntil(now), periodMs: CHECKIN_CODE_PERIOD_MS };
  },
});
