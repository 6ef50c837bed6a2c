import { GridBoundary, insideRing, isStalled, onRing, ringProblem, ringsOverlap, settingsOf } from '@shared';

/** A grid's outline (网格边界) as the grid editor accepts it and the map draws it. */
const square = [[0, 0], [2, 0], [2, 2], [0, 2]] as [number, number][];

test('a plain outline is accepted, in either direction, and holds what lies inside it', () => {
  expect(ringProblem(square)).toBeNull();
  expect(ringProblem([...square].reverse())).toBeNull();
  expect(insideRing([1, 1], square)).toBe(true);
  expect(insideRing([3, 1], square)).toBe(false);
  // A concave outline: the notch is outside.
  const notched = [[0, 0], [4, 0], [4, 4], [2, 1], [0, 4]] as [number, number][];
  expect(ringProblem(notched)).toBeNull();
  expect(insideRing([2, 3], notched)).toBe(false);
  expect(insideRing([1, 1], notched)).toBe(true);
});

test('an outline that crosses itself, repeats a corner, is flat or too short is refused with why', () => {
  expect(ringProblem([[0, 0], [2, 2], [2, 0], [0, 2]])).toBe('边界的边不能相互交叉');
  // A corner set on another edge pinches the outline into two: refused like a crossing.
  expect(ringProblem([[0, 0], [4, 0], [4, 2], [2, 0], [2, 2]])).toBe('边界的边不能相互交叉');
  expect(ringProblem([[0, 0], [1, 0], [0, 0], [0, 1]])).toBe('边界的顶点不能重复');
  expect(ringProblem([[0, 0], [1, 1], [2, 2]])).toBe('边界围成的面积不能为零');
  expect(GridBoundary.safeParse([[0, 0], [1, 1]]).success).toBe(false);
  expect(GridBoundary.safeParse(Array.from({ length: 65 }, (_, i) => [Math.cos(i / 10), Math.sin(i / 10)])).success).toBe(false);
  expect(GridBoundary.safeParse([[0, 0], [181, 0], [0, 1]]).success).toBe(false);
});

describe('stalled (超时未认领): the escalation rules, not a second clock', () => {
  const settings = settingsOf({});
  const createdAt = new Date('2026-12-01T00:00:00Z');
  const after = (minutes: number) => new Date(createdAt.getTime() + minutes * 60_000);
  test('an urgent wish is stalled once past the urgent interval, a normal one only after the secretary\'s hours', () => {
    expect(isStalled({ status: 'open', createdAt, priority: 'urgent' }, settings, after(settings.urgentEscalateMinutes - 1))).toBe(false);
    expect(isStalled({ status: 'open', createdAt, priority: 'urgent' }, settings, after(settings.urgentEscalateMinutes))).toBe(true);
    expect(isStalled({ status: 'open', createdAt, priority: 'normal' }, settings, after(settings.urgentEscalateMinutes))).toBe(false);
    expect(isStalled({ status: 'assigned', createdAt, priority: 'normal' }, settings, after(settings.escalateToSecretaryHours * 60))).toBe(true);
  });
  test('an escalated wish stays stalled until someone takes it; a held one never is', () => {
    expect(isStalled({ status: 'open', createdAt, escalation: { level: 'secretary', at: createdAt } }, settings, createdAt)).toBe(true);
    expect(isStalled({ status: 'claimed', createdAt, escalation: { level: 'town', at: createdAt } }, settings, after(100_000))).toBe(false);
  });
});

describe('overlapping outlines (ringsOverlap): two grids of a community may border each other, never share ground', () => {
  const sq = (x: number, y: number, w = 2, h = 2) => [[x, y], [x + w, y], [x + w, y + h], [x, y + h]] as [number, number][];
  test('neighbours along a whole side, part of a side, or at one corner only touch', () => {
    expect(ringsOverlap(square, sq(2, 0))).toBe(false);
    expect(ringsOverlap(square, sq(2, 1))).toBe(false);
    expect(ringsOverlap(square, sq(2, 2))).toBe(false);
    expect(ringsOverlap(square, sq(0, -2, 3, 2))).toBe(false);
    // A corner of one set on the other's side, pointing away.
    expect(ringsOverlap(square, [[2, 1], [4, 0], [4, 2]])).toBe(false);
    expect(ringsOverlap(square, sq(5, 5))).toBe(false);
  });
  test('crossing, one inside the other, the same outline (either way round) and one poking in do overlap', () => {
    expect(ringsOverlap(square, sq(1, 1))).toBe(true);
    expect(ringsOverlap(square, sq(0.5, 0.5, 1, 1))).toBe(true);
    expect(ringsOverlap(sq(0.5, 0.5, 1, 1), square)).toBe(true);
    expect(ringsOverlap(square, square)).toBe(true);
    expect(ringsOverlap(square, [...square].reverse())).toBe(true);
    expect(ringsOverlap(square, sq(-1, 0.5, 4, 1))).toBe(true);
    // Sharing a side and reaching in from it.
    expect(ringsOverlap(square, sq(0, 0, 1, 2))).toBe(true);
    expect(ringsOverlap(square, [[2, 1], [1, 0.5], [4, 0], [4, 2]])).toBe(true);
  });
  test('concave outlines: a neighbour inside the notch only touches; one across the notch overlaps', () => {
    const notched = [[0, 0], [4, 0], [4, 4], [2, 1], [0, 4]] as [number, number][];
    expect(ringsOverlap(notched, [[2, 1], [4, 4], [0, 4]])).toBe(false);
    expect(ringsOverlap(notched, sq(1.5, 3, 1, 0.5))).toBe(false);
    expect(ringsOverlap(notched, sq(0.5, 3, 3, 0.5))).toBe(true);
  });
  test('at the scale of real grids (a few hundred metres, six decimals): neighbours sharing a street do not overlap', () => {
    const a = [[113.9921, 31.2511], [113.9951, 31.2511], [113.9951, 31.2539], [113.9921, 31.2539]] as [number, number][];
    const b = [[113.9951, 31.2511], [113.9983, 31.2511], [113.9983, 31.2539], [113.9951, 31.2539]] as [number, number][];
    expect(ringsOverlap(a, b)).toBe(false);
    expect(ringsOverlap(a, b.map(([x, y]) => [x - 0.000001, y] as [number, number]))).toBe(true);
    expect(onRing([113.9951, 31.2525], a)).toBe(true);
  });
});
