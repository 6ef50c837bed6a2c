import * as z from 'zod';
import { CHECKIN_CODE_LENGTH, activityTimesProblem } from '../activities/rules';
import { ActivityCategories, ActivityStates } from '../vocab/activities';
import { Description, Id, IsoDateTime, Reason, Title, text } from '../schemas/primitives';

const ActivityRef = z.strictObject({ activityId: Id });

/** A check-in code as typed or read from the QR code (spaces forgiven); anything else is refused before it is judged. */
export const CheckInCode = z
  .string()
  .regex(/^[0-9 -]{1,16}$/, '签到码应为 6 位数字')
  .transform((s) => s.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(new RegExp(`^\\d{${CHECKIN_CODE_LENGTH}}$`), '签到码应为 6 位数字'));

const ActivityFields = {
  title: Title,
  category: z.enum(ActivityCategories, { error: '请选择活动类型' }),
  description: Description,
  /** Where people gather: '桃源社区广场', '滨江广场东侧'. */
  place: text(60),
  startAt: IsoDateTime,
  endAt: IsoDateTime,
  /** How many may sign up. */
  places: z.number({ error: '请填写名额' }).int('名额应为整数').min(1, '至少 1 个名额').max(500, '最多 500 个名额'),
  /** Who runs it, as people know them: '桃源社区党总支', '孝昌县妇幼保健院'. */
  organizer: text(40),
};

/** An activity's time: start before end, at most a day (an unreadable side is left to its own format error). */
function checkTimes(a: { startAt?: string; endAt?: string }, ctx: z.RefinementCtx): void {
  if (a.startAt === undefined || a.endAt === undefined) return;
  const [start, end] = [new Date(a.startAt), new Date(a.endAt)];
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return;
  const problem = activityTimesProblem(start, end);
  if (problem) ctx.addIssue({ code: 'custom', path: ['endAt'], message: problem });
}

export const PublishActivityInput = z.strictObject(ActivityFields).superRefine(checkTimes);

/** An edit names what changes; the rest stays. */
export const EditActivityInput = z
  .strictObject({
    activityId: Id,
    title: ActivityFields.title.optional(),
    category: ActivityFields.category.optional(),
    description: ActivityFields.description.optional(),
    place: ActivityFields.place.optional(),
    startAt: IsoDateTime.optional(),
    endAt: IsoDateTime.optional(),
    places: ActivityFields.places.optional(),
    organizer: ActivityFields.organizer.optional(),
  })
  .refine((e) => Object.values(e).filter((v) => v !== undefined).length > 1, { message: '没有要修改的内容', path: ['title'] })
  .superRefine(checkTimes);

export const ActivitiesActions = {
  /** Staff: a new activity of their community, open for sign-up at once. */
  publish: PublishActivityInput,
  /** Staff: change an activity before it starts (places never below those signed up). */
  edit: EditActivityInput,
  /** Staff: call it off before it starts; those signed up see it cancelled. */
  cancel: z.strictObject({ activityId: Id, reason: Reason }),
  /** The community's activities, soonest first; by state when given. */
  list: z.strictObject({ status: z.enum(ActivityStates).optional() }),
  /** One activity, with where the caller stands. */
  detail: ActivityRef,
  /** The caller's activities (signed up, attended) with the hours each earned. */
  mine: z.strictObject({}),
  signUp: ActivityRef,
  withdraw: ActivityRef,
  /** The code the organiser shows, typed or read from its QR code. */
  checkIn: z.strictObject({ activityId: Id, code: CheckInCode }),
  checkOut: z.strictObject({ activityId: Id, code: CheckInCode }),
  /** Staff: the code to show now (it changes every minute), for the screen and its QR code. */
  code: ActivityRef,
  /** Staff: who signed up, who came, when, and the hours credited. */
  attendance: ActivityRef,
  /** Staff: a forgotten check-out (or check-in and check-out) entered by hand; hours are credited as on check-out. */
  correct: z
    .strictObject({ activityId: Id, userId: Id, checkedInAt: IsoDateTime.optional(), checkedOutAt: IsoDateTime })
    .refine((c) => c.checkedInAt === undefined || Date.parse(c.checkedInAt) < Date.parse(c.checkedOutAt), { message: '签退时间应晚于签到时间', path: ['checkedOutAt'] }),
} as const;
