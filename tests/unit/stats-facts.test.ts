import { countOf, tallyFacts, wishFacts, type CountedWish } from '@shared';
import { periodsOf } from '../../cloudfunctions/_core/store/statCounters';

const at = (day: string, hour = 10) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);
const ev = (action: CountedWish['events'][number]['action'], to: CountedWish['events'][number]['to'], when: Date) => ({ action, to, at: when });

/** A repair wish posted on 11-01 and approved the same day, then the given steps. */
const wish = (steps: CountedWish['events'], over: Partial<CountedWish> = {}): CountedWish => ({
  communityId: 'c1', category: 'repair', channel: 'miniprogram', gridId: 'g1', status: 'confirmed', createdAt: at('2026-11-01', 9),
  events: [ev('create', 'pending_review', at('2026-11-01', 9)), ev('approve', 'open', at('2026-11-01')), ...steps],
  ...over,
});
/** What a wish's facts add up to on one China day. */
const onDay = (w: CountedWish, day: string) =>
  tallyFacts(wishFacts(w).filter((f) => f.at >= at(day, 0) && f.at < new Date(at(day, 0).getTime() + 86_400_000)));

describe('what each number counts (shared/stats)', () => {
  test('each step on the day it happened, not the day the wish was posted', () => {
    const w = wish([ev('claim', 'claimed', at('2026-11-03')), ev('start', 'in_progress', at('2026-11-03')), ev('complete', 'done', at('2026-11-05')), ev('confirm', 'confirmed', at('2026-11-07'))]);
    expect(countOf(onDay(w, '2026-11-01'), 'all', '_', 'collected')).toBe(1);
    expect(countOf(onDay(w, '2026-11-03'), 'all', '_', 'claimed')).toBe(1);
    expect(countOf(onDay(w, '2026-11-05'), 'all', '_', 'completed')).toBe(1);
    expect(countOf(onDay(w, '2026-11-05'), 'category', 'repair', 'completed')).toBe(1);
    expect(countOf(onDay(w, '2026-11-07'), 'grid', 'g1', 'confirmed')).toBe(1);
    expect(countOf(onDay(w, '2026-11-07'), 'all', '_', 'collected')).toBe(0);
  });

  test('a disputed completion counts nothing; the completion after the dispute counts on its own day', () => {
    const disputed = wish([ev('claim', 'claimed', at('2026-11-03')), ev('complete', 'done', at('2026-11-05')), ev('dispute', 'in_progress', at('2026-11-06'))], { status: 'in_progress' });
    expect(countOf(tallyFacts(wishFacts(disputed)), 'all', '_', 'completed')).toBe(0);
    const settled = wish([...disputed.events.slice(2), ev('complete', 'done', at('2026-11-08'))], { status: 'done' });
    expect(countOf(onDay(settled, '2026-11-05'), 'all', '_', 'completed')).toBe(0);
    expect(countOf(onDay(settled, '2026-11-08'), 'all', '_', 'completed')).toBe(1);
  });

  test('a wish is claimed once: a re-claim after a release or an expired lease, or a second helper, does not count it again', () => {
    const w = wish([
      ev('claim', 'claimed', at('2026-11-03')), ev('release', 'open', at('2026-11-03', 11)), ev('claim', 'claimed', at('2026-11-04')),
      ev('expire', 'open', at('2026-11-05')), ev('accept', 'claimed', at('2026-11-06')),
    ], { status: 'claimed' });
    expect(countOf(tallyFacts(wishFacts(w)), 'all', '_', 'claimed')).toBe(1);
    expect(countOf(onDay(w, '2026-11-03'), 'all', '_', 'claimed')).toBe(1);
  });

  test('a step the town moved elsewhere stays counted where it happened; the posting follows the wish', () => {
    const w = wish([{ ...ev('claim', 'claimed', at('2026-11-03')), communityId: 'c2' }], { communityId: 'c2' });
    const facts = wishFacts({ ...w, events: w.events.map((e, i) => (i < 2 ? { ...e, communityId: 'c1' } : e)) });
    expect(facts.filter((f) => f.dim === 'all').map((f) => [f.field, f.communityId])).toEqual([['collected', 'c2'], ['approved', 'c1'], ['claimed', 'c2']]);
  });
});

describe('which kept counter documents a window of whole days reads', () => {
  test('whole months from month documents, the days around them from day documents', () => {
    expect(periodsOf({ from: '2026-11-01', to: '2026-12-01' })).toEqual([{ grain: 'm', period: { $gte: '2026-11', $lt: '2026-12' } }]);
    expect(periodsOf({ from: '2026-10-05', to: '2026-12-10' })).toEqual([
      { grain: 'm', period: { $gte: '2026-11', $lt: '2026-12' } },
      { grain: 'd', period: { $gte: '2026-10-05', $lt: '2026-11-01' } },
      { grain: 'd', period: { $gte: '2026-12-01', $lt: '2026-12-10' } },
    ]);
    expect(periodsOf({ from: '2026-11-05', to: '2026-11-20' })).toEqual([{ grain: 'd', period: { $gte: '2026-11-05', $lt: '2026-11-20' } }]);
    expect(periodsOf({})).toEqual([{ grain: 'm' }]);
    expect(periodsOf({ to: '2026-11-03' })).toEqual([{ grain: 'm', period: { $lt: '2026-11' } }, { grain: 'd', period: { $gte: '2026-11-01', $lt: '2026-11-03' } }]);
  });
});
