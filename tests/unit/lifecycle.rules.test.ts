/**
 * The lifecycle's rules as a community would describe them: places on a
 * 帮帮团 wish, leases, unit claims and handover, dispatch, confirmation,
 * rating and escalation.
 */
import {
  AppError,
  DEFAULT_SETTINGS,
  answersForUnit,
  rolesMovedTo,
  unitLeftBy,
  unitRefusal,
  SYSTEM,
  TRANSITIONS,
  actorOf,
  allowedActions,
  autoConfirmDue,
  createWish,
  creationEvent,
  escalationDue,
  heldSince,
  stallOf,
  leaseUntil,
  slotsFree,
  type Actor,
  type DecideInput,
  type TransitionAction,
  type Wish,
} from '@shared';
import { suggestedPriority } from '../../shared/lifecycle/urgency';
import { assignee, claimer, gridWorker, otherHelper, owner, secretary, townAdmin, unitAdmin, unitMember, volunteer, COMMUNITY, UNIT } from './support/people';
import { NOW, baseWish, hoursAfter, hoursBefore, step, volunteerClaim } from './support/wishes';

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
  throw new Error('expected a refusal');
}

const act = (wish: Wish, action: TransitionAction, actor: Actor, input?: DecideInput, now = NOW) =>
  step(wish, action, actor, now, { input });

const openWish = (overrides: Partial<Wish> = {}) => baseWish({ status: 'open', openedAt: hoursBefore(1), ...overrides });

describe('helpers needed (帮帮团)', () => {
  test('a wish needing three helpers stays open until the third claims, then nobody else can', () => {
    let wish = openWish({ helpersNeeded: 3 });
    wish = act(wish, 'claim', claimer).wish;
    expect([wish.status, slotsFree(wish)]).toEqual(['open', 2]);
    wish = act(wish, 'claim', otherHelper).wish;
    expect([wish.status, slotsFree(wish)]).toEqual(['open', 1]);
    wish = act(wish, 'claim', volunteer).wish;
    expect([wish.status, slotsFree(wish)]).toEqual(['claimed', 0]);
    expect(refusal(() => act(wish, 'claim', assignee))).toBe('ALREADY_CLAIMED');
  });

  test('a volunteer cannot take two places of the same wish', () => {
    const wish = act(openWish({ helpersNeeded: 3 }), 'claim', claimer).wish;
    expect(refusal(() => act(wish, 'claim', claimer))).toBe('CONFLICT');
  });

  test('releasing a claim frees its place and reopens a full wish', () => {
    const full = openWish({ status: 'claimed', helpersNeeded: 2, claims: [volunteerClaim(claimer.userId), volunteerClaim(otherHelper.userId)] });
    const after = act(full, 'release', claimer, { reason: '临时有事' });
    expect(after.to).toBe('open');
    expect(after.wish.claims.map((c) => c.claimerId)).toEqual([otherHelper.userId]);
    expect(slotsFree(after.wish)).toBe(1);
    expect(after.event.note).toBe('临时有事');
  });

  test('the owner cannot claim their own wish', () => {
    const ownerAlsoVolunteer: Actor = { ...owner, roles: ['resident', 'volunteer'] };
    expect(refusal(() => act(openWish(), 'claim', ownerAlsoVolunteer))).toBe('FORBIDDEN');
  });

  test('a volunteer of another community cannot claim', () => {
    expect(refusal(() => act(openWish(), 'claim', { ...volunteer, communityId: 'c2' }))).toBe('FORBIDDEN');
  });
});

describe('leases', () => {
  test('a claim holds its place for the community lease, from the moment of claiming', () => {
    const claimed = act(openWish(), 'claim', claimer, undefined);
    expect(claimed.wish.claims[0].leaseUntil).toEqual(leaseUntil(NOW, DEFAULT_SETTINGS));
    expect(claimed.wish.claims[0].leaseUntil).toEqual(hoursAfter(DEFAULT_SETTINGS.leaseHours));
    expect(claimed.event.meta).toMatchObject({ claimerId: claimer.userId, leaseUntil: hoursAfter(24).toISOString() });
  });

  test('extending adds one lease to what is left, up to the community maximum', () => {
    const settings = { ...DEFAULT_SETTINGS, maxExtensions: 2, leaseHours: 12 };
    let wish = openWish({ status: 'claimed', claims: [volunteerClaim(claimer.userId, { leaseUntil: hoursAfter(5) })] });
    for (let i = 1; i <= 2; i++) {
      const next = step(wish, 'extend', claimer, NOW, { settings });
      wish = next.wish;
      expect(wish.claims[0]).toMatchObject({ extensions: i, leaseUntil: hoursAfter(5 + 12 * i) });
      expect(next.event.meta).toMatchObject({ leaseUntil: hoursAfter(5 + 12 * i).toISOString() });
    }
    expect(refusal(() => step(wish, 'extend', claimer, NOW, { settings }))).toBe('CONFLICT');
  });

  test("extending touches only the extender's lease", () => {
    const wish = openWish({
      status: 'claimed',
      helpersNeeded: 2,
      claims: [volunteerClaim(claimer.userId, { leaseUntil: hoursAfter(3) }), volunteerClaim(otherHelper.userId, { leaseUntil: hoursAfter(20) })],
    });
    const after = step(wish, 'extend', claimer, NOW).wish;
    expect(after.claims.map((c) => [c.claimerId, c.leaseUntil, c.extensions])).toEqual([
      [claimer.userId, hoursAfter(3 + DEFAULT_SETTINGS.leaseHours), 1],
      [otherHelper.userId, hoursAfter(20), 0],
    ]);
  });

  test('an expired lease returns the wish to the pool and restarts the escalation clock', () => {
    const wish = openWish({
      status: 'claimed',
      helpersNeeded: 2,
      escalation: { level: 'secretary', at: hoursBefore(30) },
      claims: [volunteerClaim(claimer.userId, { leaseUntil: hoursBefore(1) }), volunteerClaim(otherHelper.userId)],
    });
    const d = act(wish, 'expire', SYSTEM);
    expect(d.to).toBe('open');
    expect(d.wish.claims.map((c) => c.claimerId)).toEqual([otherHelper.userId]);
    expect(d.event).toMatchObject({ actor: { kind: 'system' }, meta: { claimerIds: claimer.userId } });
    expect(d.wish.openedAt).toEqual(NOW);
    expect(d.wish.escalation).toBeUndefined();
  });

  test('a live lease cannot be expired, and work already started never expires', () => {
    const live = openWish({ status: 'claimed', claims: [volunteerClaim(claimer.userId)] });
    expect(refusal(() => act(live, 'expire', SYSTEM))).toBe('CONFLICT');
    const started = { ...live, status: 'in_progress' as const, claims: [volunteerClaim(claimer.userId, { leaseUntil: hoursBefore(5), startedAt: hoursBefore(6) })] };
    expect(refusal(() => act(started, 'expire', SYSTEM))).toBe('CONFLICT');
    expect(refusal(() => act({ ...started, status: 'done' }, 'expire', SYSTEM))).toBe('INVALID_TRANSITION');
  });
});

describe('dispatch', () => {
  const pending = () => baseWish();

  test('approving publishes to the pool; approving with a helper named assigns it', () => {
    expect(act(pending(), 'approve', secretary).to).toBe('open');
    const d = act(pending(), 'approve', secretary, { assignTo: { kind: 'unit', id: UNIT }, priority: 'urgent' });
    expect(d.to).toBe('assigned');
    expect(d.wish).toMatchObject({ priority: 'urgent', assignment: { target: { kind: 'unit', id: UNIT }, by: secretary.userId } });
    expect(d.event.meta).toEqual({ assignKind: 'unit', assignId: UNIT });
  });

  test('a grid worker triages wishes of their own grid only', () => {
    expect(act(pending(), 'approve', gridWorker).to).toBe('open');
    expect(act(pending(), 'reject', gridWorker, { reason: '重复提交' }).to).toBe('rejected');
    expect(refusal(() => act(pending(), 'approve', { ...gridWorker, gridIds: ['grid9'] }))).toBe('FORBIDDEN');
    expect(refusal(() => act(baseWish({ status: 'claimed', claims: [volunteerClaim(claimer.userId)] }), 'cancel', gridWorker))).toBe('FORBIDDEN');
  });

  test('the secretary of another community, and the town, cannot review', () => {
    expect(refusal(() => act(pending(), 'approve', { ...secretary, communityId: 'c2' }))).toBe('FORBIDDEN');
    expect(refusal(() => act(pending(), 'approve', townAdmin))).toBe('FORBIDDEN');
  });

  test('rejecting needs a reason; resubmitting with edits goes back to review without it', () => {
    expect(refusal(() => act(pending(), 'reject', secretary))).toBe('VALIDATION_FAILED');
    const rejected = act(pending(), 'reject', secretary, { reason: '请补充具体地址' }).wish;
    expect(rejected.rejectReason).toBe('请补充具体地址');
    const back = act(rejected, 'resubmit', owner, { edits: { address: '幸福小区3栋2单元501室', contactPhone: null } });
    expect(back.to).toBe('pending_review');
    expect(back.wish.address).toBe('幸福小区3栋2单元501室');
    expect(back.wish).not.toHaveProperty('contactPhone');
    expect(back.wish).not.toHaveProperty('rejectReason');
  });

  test('an assigned helper accepts (taking every place) or declines (back to the pool)', () => {
    const assigned = act(openWish({ helpersNeeded: 3 }), 'assign', secretary, { assignTo: { kind: 'user', id: assignee.userId } }).wish;
    expect(assigned.status).toBe('assigned');
    const accepted = act(assigned, 'accept', assignee);
    expect(accepted.to).toBe('claimed');
    expect(accepted.wish.claims).toEqual([expect.objectContaining({ claimerId: assignee.userId, slots: 3, kind: 'user' })]);
    expect(accepted.wish.assignment).toBeUndefined();
    const declined = act(assigned, 'decline', assignee, { reason: '不在本地' });
    expect(declined.to).toBe('open');
    expect(declined.wish.assignment).toBeUndefined();
    expect(refusal(() => act(assigned, 'accept', volunteer))).toBe('FORBIDDEN');
  });

  test('a wish someone has claimed cannot be assigned over them', () => {
    const claimedOne = act(openWish({ helpersNeeded: 2 }), 'claim', claimer).wish;
    expect(refusal(() => act(claimedOne, 'assign', secretary, { assignTo: { kind: 'user', id: assignee.userId } }))).toBe('CONFLICT');
  });
});

describe('收回: staff take back a claim or dispatch nobody has started', () => {
  const openWish = (extra: Partial<Wish> = {}) => baseWish({ status: 'open', approvedAt: hoursBefore(30), openedAt: hoursBefore(30), ...extra });
  const claimedWish = () => act(openWish(), 'claim', claimer, undefined, hoursBefore(26)).wish;

  test('a claim that never started goes back to the pool, with the reason on the timeline and the escalation clock restarted', () => {
    const recalled = act({ ...claimedWish(), escalation: { level: 'secretary', at: hoursBefore(27) } }, 'recall', secretary, { reason: '认领一天多了还没有上门' });
    expect(recalled.to).toBe('open');
    expect(recalled.wish.claims).toEqual([]);
    expect(recalled.wish.openedAt).toEqual(NOW);
    expect(recalled.wish.escalation).toBeUndefined();
    expect(recalled.event).toMatchObject({ action: 'recall', from: 'claimed', to: 'open', note: '认领一天多了还没有上门', meta: { claimerIds: claimer.userId } });
  });

  test('withdraw and reassign in one step: the wish goes straight to the person staff picked', () => {
    const recalled = act(claimedWish(), 'recall', gridWorker, { reason: '联系不上', assignTo: { kind: 'user', id: assignee.userId } });
    expect(recalled.to).toBe('assigned');
    expect(recalled.wish.claims).toEqual([]);
    expect(recalled.wish.assignment).toMatchObject({ target: { kind: 'user', id: assignee.userId }, by: gridWorker.userId });
    expect(recalled.event.meta).toMatchObject({ claimerIds: claimer.userId, assignKind: 'user', assignId: assignee.userId });
  });

  test('a dispatch not yet answered is taken back too; it cannot be sent back to the same person or unit', () => {
    const toUnit = act(openWish(), 'assign', secretary, { assignTo: { kind: 'unit', id: UNIT } }).wish;
    expect(refusal(() => act(toUnit, 'recall', secretary, { reason: '单位一直没有接单', assignTo: { kind: 'unit', id: UNIT } }))).toBe('VALIDATION_FAILED');
    const recalled = act(toUnit, 'recall', secretary, { reason: '单位一直没有接单' });
    expect(recalled.to).toBe('open');
    expect(recalled.wish.assignment).toBeUndefined();
    expect(recalled.event.meta).toMatchObject({ recalledUnitId: UNIT });
  });

  test('a reason is required; nothing held, or work started, cannot be taken back', () => {
    expect(refusal(() => act(claimedWish(), 'recall', secretary, {}))).toBe('VALIDATION_FAILED');
    expect(refusal(() => act(openWish(), 'recall', secretary, { reason: '没人' }))).toBe('CONFLICT');
    const started = act(claimedWish(), 'start', claimer).wish;
    expect(refusal(() => act(started, 'recall', secretary, { reason: '太慢' }))).toBe('INVALID_TRANSITION');
    // Two places, one helper at work, the other place still free: the worker keeps it.
    const twoPlaces = act(act(openWish({ helpersNeeded: 2 }), 'claim', claimer).wish, 'start', claimer).wish;
    expect(twoPlaces.status).toBe('open');
    expect(refusal(() => act(twoPlaces, 'recall', secretary, { reason: '太慢' }))).toBe('CONFLICT');
  });

  test('staff see a claim or dispatch nobody started for a day as stalled; work under way never is', () => {
    const held = claimedWish();
    expect(heldSince(held)).toEqual(hoursBefore(26));
    expect(stallOf(held, DEFAULT_SETTINGS, NOW)).toBe('unstarted');
    expect(stallOf(held, DEFAULT_SETTINGS, hoursBefore(3))).toBeNull();
    const dispatched = act(openWish(), 'assign', secretary, { assignTo: { kind: 'user', id: assignee.userId } }, hoursBefore(23)).wish;
    expect(stallOf(dispatched, DEFAULT_SETTINGS, NOW)).toBeNull();
    expect(stallOf(dispatched, DEFAULT_SETTINGS, hoursAfter(1))).toBe('unstarted');
    const started = act(held, 'start', claimer).wish;
    expect(heldSince(started)).toBeNull();
    expect(stallOf(started, DEFAULT_SETTINGS, hoursAfter(100))).toBeNull();
    // Nobody took it: the escalation rules say when waiting is too long.
    expect(stallOf(openWish(), DEFAULT_SETTINGS, NOW)).toBe('unclaimed');
  });

  test('only the community\'s staff may: not the claimer, a volunteer, the town or another grid\'s worker', () => {
    const wish = claimedWish();
    for (const who of [claimer, volunteer, townAdmin, owner]) expect(refusal(() => act(wish, 'recall', who, { reason: '太慢' }))).toBe('FORBIDDEN');
    expect(refusal(() => act({ ...wish, gridId: 'grid-other' }, 'recall', gridWorker, { reason: '太慢' }))).toBe('FORBIDDEN');
    expect(allowedActions(wish, secretary, NOW)).toContain('recall');
  });
});

describe('停用: a deactivated member’s work goes back to the pool', () => {
  const toUnit = () => act(openWish(), 'assign', secretary, { assignTo: { kind: 'unit', id: UNIT } }).wish;

  test('a dispatch waiting for their unit goes back only when nobody active is left in it (emptiedUnitId), saying so', () => {
    // The unit still has someone who can accept: the member held nothing of it, so nothing moves.
    expect(refusal(() => act(toUnit(), 'vacate', secretary, { memberId: unitMember.userId }))).toBe('CONFLICT');
    const back = act(toUnit(), 'vacate', secretary, { memberId: unitMember.userId, emptiedUnitId: UNIT });
    expect(back.to).toBe('open');
    expect(back.wish.assignment).toBeUndefined();
    expect(back.event).toMatchObject({ action: 'vacate', from: 'assigned', to: 'open', note: '承接单位已无在岗人员，心愿重新等待认领', meta: { memberId: unitMember.userId, withdrawnUnitId: UNIT } });
    // Another unit's dispatch is not theirs to withdraw.
    expect(refusal(() => act(toUnit(), 'vacate', secretary, { memberId: unitMember.userId, emptiedUnitId: 'unit-other' }))).toBe('CONFLICT');
  });

  test('the timer’s repair withdraws a dispatch to a unit nobody answers for without naming a member', () => {
    const back = act(toUnit(), 'vacate', SYSTEM, { emptiedUnitId: UNIT });
    expect([back.to, back.wish.assignment, back.event.actor]).toEqual(['open', undefined, { kind: 'system' }]);
    expect(back.event.meta).toEqual({ claimerIds: '', withdrawnUnitId: UNIT });
    // Naming neither a member nor a unit is no step at all.
    expect(refusal(() => act(toUnit(), 'vacate', SYSTEM, {}))).toBe('CONFLICT');
  });

  test('the system does it where the secretary has no say (another community of the town, the repair)', () => {
    const claimed = act(openWish(), 'claim', claimer).wish;
    const back = act(claimed, 'vacate', SYSTEM, { memberId: claimer.userId });
    expect([back.to, back.wish.claims, back.event.actor]).toEqual(['open', [], { kind: 'system' }]);
  });
});

describe('co-building units', () => {
  test('a unit admin claims for the unit, which takes every free place', () => {
    const d = act(openWish({ helpersNeeded: 4 }), 'claim', unitAdmin, { asUnit: UNIT });
    expect(d.to).toBe('claimed');
    expect(d.wish.claims).toEqual([expect.objectContaining({ kind: 'unit', unitId: UNIT, slots: 4, claimerId: unitAdmin.userId })]);
  });

  test('only a unit admin of that unit may claim in its name', () => {
    expect(refusal(() => act(openWish(), 'claim', unitMember, { asUnit: UNIT }))).toBe('FORBIDDEN');
    expect(refusal(() => act(openWish(), 'claim', unitAdmin, { asUnit: 'unit2' }))).toBe('FORBIDDEN');
  });

  test('the unit admin hands the wish to a member, who then does the work', () => {
    const claimed = act(openWish(), 'claim', unitAdmin, { asUnit: UNIT }).wish;
    const handed = act(claimed, 'handover', unitAdmin, { toUserId: unitMember.userId });
    expect(handed.to).toBe('claimed');
    expect(handed.wish.claims[0].assigneeId).toBe(unitMember.userId);
    let wish = act(handed.wish, 'start', unitMember).wish;
    wish = act(wish, 'progress', unitMember, { note: '已上门查看' }).wish;
    const done = act(wish, 'complete', unitMember, { note: '已修好' });
    expect([done.to, done.wish.doneAt]).toEqual(['done', NOW]);
    expect(refusal(() => act(claimed, 'handover', claimer, { toUserId: claimer.userId }))).toBe('FORBIDDEN');
  });
});

describe('finishing', () => {
  test('completing records the helper\'s report and hours; a note is required', () => {
    const working = baseWish({ status: 'in_progress', claims: [volunteerClaim(claimer.userId, { startedAt: hoursBefore(1) })] });
    const d = act(working, 'complete', claimer, { note: '已修好', photos: ['cloud://p1.jpg'], hours: 1.5 });
    expect(d.wish.completion).toEqual({ note: '已修好', photos: ['cloud://p1.jpg'], hours: 1.5, by: claimer.userId, at: NOW });
    expect(d.event).toMatchObject({ note: '已修好', photos: ['cloud://p1.jpg'], meta: { hours: '1.5' } });
    expect(refusal(() => act(working, 'complete', claimer))).toBe('VALIDATION_FAILED');
  });

  test('a progress report keeps its photos on the step it was sent with', () => {
    const working = baseWish({ status: 'in_progress', claims: [volunteerClaim(claimer.userId)] });
    expect(act(working, 'progress', claimer, { note: '已买好药', photos: ['cloud://p2.jpg'] }).event).toMatchObject({ note: '已买好药', photos: ['cloud://p2.jpg'] });
    expect(act(working, 'progress', claimer, { note: '路上' }).event).not.toHaveProperty('photos');
  });

  const done = () => baseWish({ status: 'done', claims: [volunteerClaim(claimer.userId)], doneAt: hoursBefore(1) });

  test('the resident confirms at once; the timer only after the community\'s days', () => {
    expect(act(done(), 'confirm', owner).to).toBe('confirmed');
    expect(refusal(() => act(done(), 'confirm', SYSTEM))).toBe('CONFLICT');
    const later = new Date(NOW.getTime() + DEFAULT_SETTINGS.autoConfirmDays * 86_400_000);
    const auto = act(done(), 'confirm', SYSTEM, undefined, later);
    expect(auto.to).toBe('confirmed');
    expect(auto.event.note).toBe('超时自动确认');
    expect(refusal(() => act(done(), 'confirm', claimer))).toBe('FORBIDDEN');
  });

  test('a confirmed wish is rated once, by its resident', () => {
    const confirmed = act(done(), 'confirm', owner).wish;
    const rated = act(confirmed, 'rate', owner, { stars: 4, comment: '很耐心' });
    expect(rated.wish.rating).toMatchObject({ stars: 4, comment: '很耐心', by: owner.userId });
    expect(rated.event.meta).toEqual({ stars: '4' });
    expect(refusal(() => act(rated.wish, 'rate', owner, { stars: 5 }))).toBe('CONFLICT');
    expect(refusal(() => act(confirmed, 'rate', owner, { stars: 6 }))).toBe('VALIDATION_FAILED');
  });

  test('the resident or the secretary may cancel before it is done, not after', () => {
    const inProgress = baseWish({ status: 'in_progress', claims: [volunteerClaim(claimer.userId)] });
    const cancelled = act(inProgress, 'cancel', owner, { reason: '已自行解决' });
    expect(cancelled.to).toBe('cancelled');
    expect(cancelled.wish.claims).toEqual([]);
    expect(act(inProgress, 'cancel', secretary).to).toBe('cancelled');
    expect(refusal(() => act(done(), 'cancel', owner))).toBe('INVALID_TRANSITION');
    expect(refusal(() => act(inProgress, 'cancel', claimer))).toBe('FORBIDDEN');
  });
});

describe('escalation', () => {
  const settings = DEFAULT_SETTINGS;
  const waiting = (hours: number, level?: 'secretary' | 'town') =>
    openWish({ openedAt: hoursBefore(hours), ...(level ? { escalation: { level, at: hoursBefore(1) } } : {}) });

  test('an unclaimed wish goes to the secretary, then to the town, each once', () => {
    expect(escalationDue(waiting(settings.escalateToSecretaryHours - 1), settings, NOW)).toBeNull();
    expect(escalationDue(waiting(settings.escalateToSecretaryHours), settings, NOW)).toBe('secretary');
    expect(escalationDue(waiting(settings.escalateToTownHours - 1, 'secretary'), settings, NOW)).toBeNull();
    expect(escalationDue(waiting(settings.escalateToTownHours, 'secretary'), settings, NOW)).toBe('town');
    expect(escalationDue(waiting(settings.escalateToTownHours + 100, 'town'), settings, NOW)).toBeNull();
  });

  test('an urgent wish nobody takes reaches the secretary in minutes and the town at twice that', () => {
    const minutes = settings.urgentEscalateMinutes;
    const urgent = (waitedMinutes: number, level?: 'secretary') =>
      openWish({ priority: 'urgent', openedAt: hoursBefore(waitedMinutes / 60), ...(level ? { escalation: { level, at: NOW } } : {}) });
    expect(escalationDue(urgent(minutes - 1), settings, NOW)).toBeNull();
    expect(escalationDue(urgent(minutes), settings, NOW)).toBe('secretary');
    expect(escalationDue(urgent(2 * minutes - 1, 'secretary'), settings, NOW)).toBeNull();
    expect(escalationDue(urgent(2 * minutes, 'secretary'), settings, NOW)).toBe('town');
    // The same wait is nothing for a normal wish.
    expect(escalationDue(openWish({ priority: 'normal', openedAt: hoursBefore((2 * minutes) / 60) }), settings, NOW)).toBeNull();
  });

  test('escalating writes an event and leaves the state alone', () => {
    const d = act(waiting(30), 'escalate', SYSTEM);
    expect(d.to).toBe('open');
    expect(d.wish.escalation).toEqual({ level: 'secretary', at: NOW });
    expect(d.event.meta).toEqual({ level: 'secretary' });
  });

  test('a claimed wish is not escalated', () => {
    const claimed = baseWish({ status: 'claimed', openedAt: hoursBefore(100), claims: [volunteerClaim(claimer.userId)] });
    expect(escalationDue(claimed, settings, NOW)).toBeNull();
  });

  test('auto-confirm is due only for done wishes after the set days', () => {
    const days = settings.autoConfirmDays;
    expect(autoConfirmDue(baseWish({ status: 'done', doneAt: hoursBefore(days * 24 - 1) }), settings, NOW)).toBe(false);
    expect(autoConfirmDue(baseWish({ status: 'done', doneAt: hoursBefore(days * 24) }), settings, NOW)).toBe(true);
    expect(autoConfirmDue(baseWish({ status: 'confirmed', doneAt: hoursBefore(999) }), settings, NOW)).toBe(false);
  });
});

describe('what each person may do (for the buttons)', () => {
  test('on a pending wish: the resident edits or cancels, the secretary reviews', () => {
    const wish = baseWish();
    expect(allowedActions(wish, owner, NOW)).toEqual(['update', 'cancel']);
    expect(allowedActions(wish, secretary, NOW)).toEqual(['approve', 'reject', 'update', 'cancel']);
    expect(allowedActions(wish, volunteer, NOW)).toEqual([]);
  });

  test('on an open wish: a volunteer claims; the first claimer of two places extends, releases or starts at once', () => {
    const wish = act(openWish({ helpersNeeded: 2 }), 'claim', claimer).wish;
    expect(allowedActions(wish, volunteer, NOW)).toEqual(['claim']);
    expect(allowedActions(wish, claimer, NOW)).toEqual(['extend', 'release', 'start', 'progress']);
    const started = act(wish, 'start', claimer).wish;
    expect(allowedActions(started, claimer, NOW)).toEqual(['progress', 'complete']);
    expect(allowedActions(started, volunteer, NOW)).toEqual(['claim']);
  });
});

describe('a wish for several helpers: each place goes its own way (issue 16 #1)', () => {
  const two = () => openWish({ helpersNeeded: 2 });

  test('the first helper starts and finishes while the second place is still free; the wish waits for it', () => {
    let d = act(two(), 'claim', claimer);
    expect(d.to).toBe('open');
    d = act(d.wish, 'start', claimer);
    expect([d.to, d.wish.claims[0].startedAt]).toEqual(['open', NOW]);
    d = act(d.wish, 'complete', claimer, { note: '我这部分做完了' });
    expect([d.to, d.wish.claims[0].completedAt, d.wish.completion, d.wish.doneAt]).toEqual(['open', NOW, undefined, undefined]);
    expect(refusal(() => act(d.wish, 'complete', claimer, { note: '再来一次' }))).toBe('CONFLICT');
    // The second place fills after work began: in progress at once.
    d = act(d.wish, 'claim', otherHelper);
    expect(d.to).toBe('in_progress');
    expect(refusal(() => act(d.wish, 'complete', otherHelper, { note: '还没开始' }))).toBe('CONFLICT');
    d = act(act(d.wish, 'start', otherHelper).wish, 'complete', otherHelper, { note: '都搬完了' });
    expect([d.to, d.wish.doneAt, d.wish.completion?.by]).toEqual(['done', NOW, otherHelper.userId]);
  });

  test('a full wish is claimed until someone starts, in progress until everyone finishes', () => {
    let wish = act(act(two(), 'claim', claimer).wish, 'claim', otherHelper).wish;
    expect(wish.status).toBe('claimed');
    let d = act(wish, 'start', otherHelper);
    expect(d.to).toBe('in_progress');
    expect(d.wish.claims.map((c) => c.startedAt)).toEqual([undefined, NOW]);
    wish = act(d.wish, 'complete', otherHelper, { note: '我的部分好了' }).wish;
    expect(wish.status).toBe('in_progress');
    // The one not yet started still holds a lease of their own: they may extend or let go.
    expect(allowedActions(wish, claimer, NOW)).toEqual(['extend', 'release', 'start', 'progress']);
    d = act(wish, 'release', claimer);
    expect([d.to, slotsFree(d.wish)]).toEqual(['open', 1]);
  });

  test('started work cannot be released or extended', () => {
    const wish = act(act(two(), 'claim', claimer).wish, 'start', claimer).wish;
    expect(refusal(() => act(wish, 'release', claimer))).toBe('CONFLICT');
    expect(refusal(() => act(wish, 'extend', claimer))).toBe('CONFLICT');
    expect(refusal(() => act(wish, 'start', claimer))).toBe('CONFLICT');
  });
});

describe('creating and acting as someone', () => {
  test('a new wish waits for review, and its timeline starts with the channel it came by', () => {
    const wish = createWish(
      { category: 'medical_trip', title: '送老人去卫生院打疫苗', description: '腿脚不便', location: { type: 'Point', coordinates: [113.98, 31.25] }, helpersNeeded: 1, anonymous: true },
      { id: 'w9', communityId: COMMUNITY, ownerId: owner.userId, createdBy: gridWorker.userId, channel: 'phone', now: NOW },
    );
    expect(wish).toMatchObject({ status: 'pending_review', claims: [], channel: 'phone', priority: 'normal', createdBy: gridWorker.userId });
    expect(creationEvent(wish, gridWorker, NOW)).toMatchObject({ action: 'create', from: null, to: 'pending_review', meta: { channel: 'phone' } });
  });

  test('a user acts with the roles of the community at hand only', () => {
    const user = {
      id: 'u1',
      memberships: [
        { communityId: COMMUNITY, roles: ['volunteer' as const], unitId: UNIT },
        { communityId: 'c2', roles: ['secretary' as const] },
        { townId: 't1', roles: ['town_admin' as const] },
      ],
    };
    expect(actorOf(user, COMMUNITY)).toEqual({ kind: 'user', userId: 'u1', communityId: COMMUNITY, roles: ['volunteer'], unitId: UNIT });
    expect([...actorOf(user, 'c2', 't1').roles].sort()).toEqual(['secretary', 'town_admin']);
  });
});

describe('dispute (有异议): the resident says the work is not done', () => {
  const doneWish = () =>
    baseWish({
      status: 'done',
      doneAt: hoursBefore(1),
      completion: { note: '已修好', by: claimer.userId, at: hoursBefore(1), hours: 2 },
      claims: [volunteerClaim(claimer.userId, { startedAt: hoursBefore(3), completedAt: hoursBefore(1) })],
    });

  test('the table sends a done wish back to work, for the residents it is for alone (its owner, the family member it was posted for)', () => {
    expect(TRANSITIONS.find((t) => t.action === 'dispute')).toMatchObject({ from: ['done'], to: 'in_progress', actors: ['owner', 'beneficiary'] });
  });

  test('the claim stays with its helper, started but no longer finished; the completion is undone; the reason is on the timeline', () => {
    const next = act(doneWish(), 'dispute', owner, { reason: '水管还在漏水' });
    expect(next.wish.status).toBe('in_progress');
    expect(next.wish.claims).toHaveLength(1);
    expect(next.wish.claims[0]).toMatchObject({ claimerId: claimer.userId, startedAt: hoursBefore(3) });
    expect(next.wish.claims[0].completedAt).toBeUndefined();
    expect([next.wish.doneAt, next.wish.completion]).toEqual([undefined, undefined]);
    expect(next.event).toMatchObject({ action: 'dispute', from: 'done', to: 'in_progress', note: '水管还在漏水', meta: { claimerIds: claimer.userId } });
    // Auto-confirm cannot take a disputed completion, even long after the first finish.
    expect(autoConfirmDue(next.wish, DEFAULT_SETTINGS, hoursAfter(24 * 30))).toBe(false);
    expect(refusal(() => act(next.wish, 'confirm', SYSTEM, {}, hoursAfter(24 * 30)))).toBe('INVALID_TRANSITION');
    // The helper can finish again, and the wish is done anew.
    const again = act(next.wish, 'complete', claimer, { note: '已更换阀门' }, hoursAfter(1));
    expect(again.wish).toMatchObject({ status: 'done', doneAt: hoursAfter(1) });
  });

  test('without a reason nothing moves: a field error names reason', () => {
    let err: unknown;
    try {
      act(doneWish(), 'dispute', owner, {});
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify((err as AppError).details)).toContain('"path":"reason"');
  });

  test('the helper cannot dispute their own work', () => {
    expect(refusal(() => act(doneWish(), 'dispute', claimer, { reason: '没做完' }))).toBe('FORBIDDEN');
  });
});

describe('words that suggest a wish is urgent (staff confirm at review)', () => {
  test.each([
    ['燃气管道老化请检查', '厨房燃气管有异味', '燃气'],
    ['楼下被高空坠物砸伤需要帮助', '', '砸伤'],
    ['老人在家摔倒了', '起不来', '摔倒'],
  ])('%s → urgent because of “%s”', (title, description, word) => {
    const s = suggestedPriority({ priority: 'normal', title, description });
    expect(s.priority).toBe('urgent');
    expect(s.sign?.word).toBe(word);
  });
  test('an everyday wish stays normal', () => {
    expect(suggestedPriority({ priority: 'normal', title: '厨房水龙头漏水请帮忙维修', description: '一直滴水' })).toEqual({ priority: 'normal', sign: null });
  });
  test('a priority staff already set is kept, whatever the words', () => {
    expect(suggestedPriority({ priority: 'high', title: '燃气表读数', description: '' })).toEqual({ priority: 'high', sign: null });
  });
});

describe('催一催: the resident may nudge a wish that has not moved for a day, once a day', () => {
  const waiting = (over: Partial<Wish> = {}) => baseWish({ status: 'open', createdAt: hoursBefore(30), openedAt: hoursBefore(25), ...over });

  test('a day after it last moved, the resident may; nobody else may', () => {
    expect(allowedActions(waiting(), owner, NOW)).toContain('nudge');
    for (const other of [secretary, gridWorker, volunteer]) expect(allowedActions(waiting(), other, NOW)).not.toContain('nudge');
  });

  test('anything moving restarts the day: opened, claimed or started within it, or nudged already', () => {
    expect(allowedActions(waiting({ openedAt: hoursBefore(23) }), owner, NOW)).not.toContain('nudge');
    expect(allowedActions(waiting({ status: 'claimed', claimedAt: hoursBefore(2), claims: [volunteerClaim(claimer.userId)] }), owner, NOW)).not.toContain('nudge');
    expect(allowedActions(waiting({ status: 'in_progress', claimedAt: hoursBefore(40), claims: [volunteerClaim(claimer.userId, { startedAt: hoursBefore(3) })] }), owner, NOW)).not.toContain('nudge');
    const nudged = step(waiting(), 'nudge', owner, NOW).wish;
    expect(nudged.nudgedAt).toEqual(NOW);
    expect(refusal(() => step(nudged, 'nudge', owner, hoursAfter(23)))).toBe('CONFLICT');
    expect(step(nudged, 'nudge', owner, hoursAfter(24)).event.action).toBe('nudge');
  });

  test('nothing to nudge once the work is done, confirmed, rejected or cancelled', () => {
    for (const status of ['done', 'confirmed', 'rejected', 'cancelled'] as const) expect(refusal(() => step(waiting({ status }), 'nudge', owner, NOW))).toBe('INVALID_TRANSITION');
  });

  test('the step names the helpers still at work, for the notice', () => {
    const held = waiting({ status: 'in_progress', claimedAt: hoursBefore(40), claims: [volunteerClaim(claimer.userId, { startedAt: hoursBefore(30) })] });
    expect(step(held, 'nudge', owner, NOW).event.meta).toEqual({ claimerIds: claimer.userId });
  });
});

describe('who answers for a unit’s dispatch: its active admin, not its members', () => {
  const admin = { unitId: UNIT, roles: ['unit_admin' as const] };
  const member = { unitId: UNIT, roles: ['volunteer' as const] };
  const stopped = { ...admin, deactivated: { at: NOW, by: secretary.userId, reason: '调离' } };

  test('an admin of the unit answers for it; a plain member, an admin of another unit or a stopped admin does not', () => {
    expect(answersForUnit(admin, UNIT)).toBe(true);
    expect(answersForUnit(member, UNIT)).toBe(false);
    expect(answersForUnit({ ...admin, unitId: 'unit-other' }, UNIT)).toBe(false);
    expect(answersForUnit(stopped, UNIT)).toBe(false);
    expect(answersForUnit(undefined, UNIT)).toBe(false);
  });

  test('a unit is left by 停用, by the admin role taken away, by a move to another unit; not by a member going, nor a change that keeps the admin', () => {
    expect(unitLeftBy(admin, stopped)).toBe(UNIT);
    expect(unitLeftBy(admin, { ...admin, roles: ['volunteer'] })).toBe(UNIT);
    expect(unitLeftBy(admin, { ...admin, unitId: 'unit-other' })).toBe(UNIT);
    expect(unitLeftBy(admin, { roles: ['resident'] })).toBe(UNIT);
    expect(unitLeftBy(member, { ...member, deactivated: stopped.deactivated })).toBeUndefined();
    expect(unitLeftBy(admin, { ...admin, roles: ['unit_admin', 'party_member'] })).toBeUndefined();
    expect(unitLeftBy(stopped, { ...stopped, roles: ['resident'] })).toBeUndefined();
  });

  test('moving to another unit, the admin role stays with the unit left; other roles go along', () => {
    expect(rolesMovedTo(['unit_admin', 'volunteer'], UNIT, 'unit-other')).toEqual(['volunteer']);
    expect(rolesMovedTo(['unit_admin', 'volunteer'], UNIT, UNIT)).toEqual(['unit_admin', 'volunteer']);
    expect(rolesMovedTo(['unit_admin'], undefined, 'unit-other')).toEqual(['unit_admin']);
    expect(rolesMovedTo(['unit_admin'], UNIT, undefined)).toEqual(['unit_admin']);
  });

  test('a dispatch to a unit nobody answers for is refused, saying an admin is what it lacks', () => {
    expect(unitRefusal('孝昌县妇幼保健院', true)).toBeNull();
    expect(unitRefusal('孝昌县妇幼保健院', false)).toMatchObject({ reason: 'unit_without_people', message: expect.stringContaining('没有在岗的单位管理员') });
  });
});
