/**
 * A step said again long after it happened (the timer's repair of notices a crash lost) must only say what still
 * stands: a dispatch, a claim or a handed-over place that a later step took away is nobody's news any more. Each pair
 * of "a step that gives someone work" and "a later step that takes it away" (shared/lifecycle/news `UNDONE_BY`) is
 * played here, and so are later steps that leave the work where it was.
 */
import { SYSTEM, UNDONE_BY, holdingOf, holdingStands, stillWhereLeft, stillWorking, type Actor, type DecideInput, type Holding, type TransitionAction, type Wish } from '@shared';
import { assignee, claimer, otherHelper, owner, secretary, townAdmin, unitAdmin, unitMember, person, UNIT } from './support/people';
import { NOW, baseWish, hoursAfter, hoursBefore, step } from './support/wishes';

const later = hoursAfter(1);
const act = (wish: Wish, action: TransitionAction, actor: Actor, input: DecideInput = {}, at = later) => step(wish, action, actor, at, { input });
const openWish = (overrides: Partial<Wish> = {}) => baseWish({ status: 'open', openedAt: hoursBefore(1), ...overrides });
const otherMember = person('member2', ['volunteer'], { unitId: UNIT });

/** A step that gives work, as the repair would read it: the wish after it and its event. */
interface Given { wish: Wish; event: ReturnType<typeof step>['event'] }
const dispatchedTo = (target: { kind: 'user' | 'unit'; id: string }): Given => act(baseWish(), 'approve', secretary, { assignTo: target }, NOW);
const claimedBy = (who: Actor, input: DecideInput = {}): Given => act(openWish({ helpersNeeded: 2 }), 'claim', who, input, NOW);
const handed = (): Given => {
  const claimed = act(openWish(), 'claim', unitAdmin, { asUnit: UNIT }, hoursBefore(1)).wish;
  return act(claimed, 'handover', unitAdmin, { toUserId: unitMember.userId }, NOW);
};

/** Each pair: the step that gave the work, and the later step that takes it away. */
const UNDOINGS: Record<Holding['kind'], Partial<Record<TransitionAction, (g: Given) => Wish>>> = {
  dispatch: {
    accept: (g) => act(g.wish, 'accept', assignee).wish,
    decline: (g) => act(g.wish, 'decline', assignee, { reason: '不在本地' }).wish,
    assign: (g) => act(g.wish, 'assign', secretary, { assignTo: { kind: 'user', id: otherHelper.userId } }).wish,
    recall: (g) => act(g.wish, 'recall', secretary, { reason: '一直没有回应' }).wish,
    reassign: (g) => act(g.wish, 'reassign', townAdmin, { toCommunityId: 'c2', note: '花园街更近' }).wish,
    townAssign: (g) => act(g.wish, 'townAssign', townAdmin, { unitId: 'unit9' }).wish,
    vacate: (g) => act(g.wish, 'vacate', secretary, { memberId: assignee.userId }).wish,
    cancel: (g) => act(g.wish, 'cancel', owner, { reason: '已自行解决' }).wish,
  },
  claim: {
    release: (g) => act(g.wish, 'release', claimer).wish,
    expire: (g) => act(g.wish, 'expire', SYSTEM, {}, hoursAfter(24 * 60)).wish,
    recall: (g) => act(g.wish, 'recall', secretary, { reason: '一直没有上门' }).wish,
    vacate: (g) => act(g.wish, 'vacate', SYSTEM, { memberId: claimer.userId }).wish,
    cancel: (g) => act(g.wish, 'cancel', owner, { reason: '已自行解决' }).wish,
  },
  handover: {
    handover: (g) => act(g.wish, 'handover', unitAdmin, { toUserId: otherMember.userId }).wish,
    release: (g) => act(g.wish, 'release', unitMember).wish,
    expire: (g) => act(g.wish, 'expire', SYSTEM, {}, hoursAfter(24 * 60)).wish,
    recall: (g) => act(g.wish, 'recall', secretary, { reason: '一直没有上门' }).wish,
    vacate: (g) => act(g.wish, 'vacate', secretary, { memberId: unitMember.userId }).wish,
    cancel: (g) => act(g.wish, 'cancel', secretary, { reason: '重复录入' }).wish,
  },
};
const GIVEN: Record<Holding['kind'], () => Given> = { dispatch: () => dispatchedTo({ kind: 'user', id: assignee.userId }), claim: () => claimedBy(claimer), handover: handed };

test('every pair the table names is played below, and no other', () => {
  for (const kind of Object.keys(UNDONE_BY) as Holding['kind'][]) expect(Object.keys(UNDOINGS[kind]).sort()).toEqual([...UNDONE_BY[kind]].sort());
});

describe.each(Object.keys(UNDOINGS) as Holding['kind'][])('a %s', (kind) => {
  test('stands right after its step (what the live announcement reads)', () => {
    const g = GIVEN[kind]();
    expect(holdingOf(g.event)?.kind).toBe(kind);
    expect(holdingStands(g.wish, g.event)).toBe(true);
  });
  test.each(Object.keys(UNDOINGS[kind]) as TransitionAction[])('is gone after a later %s', (action) => {
    const g = GIVEN[kind]();
    expect(holdingStands(UNDOINGS[kind][action]!(g), g.event)).toBe(false);
  });
});

describe('later steps that leave the work where it was', () => {
  test('a dispatch stays through the town urging it; a unit’s goes once the unit is left with no admin', () => {
    const g = dispatchedTo({ kind: 'unit', id: UNIT });
    expect(holdingStands(act(g.wish, 'urge', townAdmin, { note: '请尽快' }).wish, g.event)).toBe(true);
    expect(holdingStands(act(g.wish, 'vacate', SYSTEM, { emptiedUnitId: UNIT }).wish, g.event)).toBe(false);
  });
  test('a claim stays through its own extend and start, and another helper taking and giving up the other place', () => {
    const g = claimedBy(claimer);
    expect(holdingStands(act(g.wish, 'extend', claimer).wish, g.event)).toBe(true);
    expect(holdingStands(act(g.wish, 'start', claimer).wish, g.event)).toBe(true);
    const other = act(g.wish, 'claim', otherHelper).wish;
    expect(holdingStands(act(other, 'release', otherHelper).wish, g.event)).toBe(true);
  });
  test('a claim given up and taken again is a new claim: the first one’s news does not stand for it', () => {
    const g = claimedBy(claimer);
    const again = act(act(g.wish, 'release', claimer).wish, 'claim', claimer, {}, hoursAfter(2)).wish;
    expect(holdingStands(again, g.event)).toBe(false);
  });
  test('a handed place stays through the member starting and reporting', () => {
    const g = handed();
    const started = act(g.wish, 'start', unitMember).wish;
    expect(holdingStands(act(started, 'progress', unitMember, { note: '已上门' }).wish, g.event)).toBe(true);
  });
  test('a step that gives nobody work always stands', () => {
    const g = act(baseWish(), 'approve', secretary, {}, NOW);
    expect(holdingOf(g.event)).toBeUndefined();
    expect(holdingStands(act(g.wish, 'cancel', owner, { reason: '不需要了' }).wish, g.event)).toBe(true);
  });
});

describe('helpers told to get on with the work (催一催, a dispute)', () => {
  test('are those still holding an unfinished place: not one stopped, recalled or gone since, nor one whose part is done', () => {
    const both = act(act(openWish({ helpersNeeded: 2 }), 'claim', claimer).wish, 'claim', otherHelper).wish;
    expect(stillWorking(both, [claimer.userId, otherHelper.userId])).toEqual([claimer.userId, otherHelper.userId]);
    expect(stillWorking(act(both, 'vacate', secretary, { memberId: claimer.userId }).wish, [claimer.userId, otherHelper.userId])).toEqual([otherHelper.userId]);
    expect(stillWorking(act(both, 'release', otherHelper).wish, [claimer.userId, otherHelper.userId])).toEqual([claimer.userId]);
    expect(stillWorking(act(both, 'recall', secretary, { reason: '没有上门' }).wish, [claimer.userId, otherHelper.userId])).toEqual([]);
    const g = handed();
    expect(stillWorking(g.wish, [unitMember.userId])).toEqual([unitMember.userId]);
    expect(stillWorking(act(g.wish, 'vacate', secretary, { memberId: unitMember.userId }).wish, [unitMember.userId])).toEqual([]);
  });
});

describe('news that the wish waits (a new wish, 附近有新心愿, an escalation, a 催一催 nobody holds, work a 停用 gave back)', () => {
  /** The wish after each step, with the events the store appends (ids e0, e1…): what the repair reads. */
  type Played = { wish: Wish & { events: { id: string; from: Wish['status'] | null; to: Wish['status'] }[] }; ids: string[] };
  const play = (wish: Wish, ...steps: [TransitionAction, Actor, DecideInput?, Date?][]): Played => {
    let w: Played['wish'] = { ...wish, events: [] };
    const ids: string[] = [];
    steps.forEach(([action, actor, input = {}, at = hoursAfter(ids.length + 1)], i) => {
      const { wish: next, event } = step(w, action, actor, at, { input });
      ids.push(`e${i}`);
      w = { ...next, events: [...w.events, { id: `e${i}`, from: event.from, to: event.to }] };
    });
    return { wish: w, ids };
  };
  const eventOf = (p: Played, i: number) => ({ id: p.ids[i], to: p.wish.events[i].to });
  const waitedDay = hoursAfter(25);

  test('stands while later steps keep the wish where the step left it (a 催办, a second escalation)', () => {
    const escalated = play(openWish(), ['escalate', SYSTEM, {}, waitedDay], ['urge', townAdmin, { note: '请尽快' }, hoursAfter(26)]);
    expect(stillWhereLeft(escalated.wish, eventOf(escalated, 0))).toBe(true);
    const twice = play(openWish(), ['escalate', SYSTEM, {}, waitedDay], ['escalate', SYSTEM, {}, hoursAfter(24 * 4)]);
    expect(stillWhereLeft(twice.wish, eventOf(twice, 0))).toBe(true);
  });
  test('is gone once a later step moved it on: reviewed, claimed, dispatched, cancelled', () => {
    const reviewed = play(baseWish(), ['approve', secretary]);
    expect(stillWhereLeft({ ...reviewed.wish, events: [{ id: 'created', from: null, to: 'pending_review' }, ...reviewed.wish.events] }, { id: 'created', to: 'pending_review' })).toBe(false);
    const escalatedThenClaimed = play(openWish(), ['escalate', SYSTEM, {}, waitedDay], ['claim', claimer, {}, hoursAfter(26)]);
    expect(stillWhereLeft(escalatedThenClaimed.wish, eventOf(escalatedThenClaimed, 0))).toBe(false);
    const nudgedThenDispatched = play(openWish(), ['nudge', owner, {}, waitedDay], ['assign', secretary, { assignTo: { kind: 'user', id: assignee.userId } }, hoursAfter(26)]);
    expect(stillWhereLeft(nudgedThenDispatched.wish, eventOf(nudgedThenDispatched, 0))).toBe(false);
    const returnedThenTaken = play(openWish(), ['claim', claimer], ['vacate', SYSTEM, { memberId: claimer.userId }], ['claim', otherHelper]);
    expect(stillWhereLeft(returnedThenTaken.wish, eventOf(returnedThenTaken, 1))).toBe(false);
    const returnedThenCancelled = play(openWish(), ['claim', claimer], ['vacate', SYSTEM, { memberId: claimer.userId }], ['cancel', owner, { reason: '已自行解决' }]);
    expect(stillWhereLeft(returnedThenCancelled.wish, eventOf(returnedThenCancelled, 1))).toBe(false);
  });
  test('a wish moved on and back (taken, then given up) is not where the step left it: its return was news of its own', () => {
    const p = play(openWish(), ['escalate', SYSTEM, {}, waitedDay], ['claim', claimer, {}, hoursAfter(26)], ['release', claimer, {}, hoursAfter(27)]);
    expect(p.wish.status).toBe('open');
    expect(stillWhereLeft(p.wish, eventOf(p, 0))).toBe(false);
  });
});
