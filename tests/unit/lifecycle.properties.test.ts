/** Properties of the places on a wish, under any sequence of claims, releases, extensions and lease expiries. */
import fc from 'fast-check';
import { AppError, DEFAULT_SETTINGS, SYSTEM, Wish, decide, slotsFree, slotsTaken, type Actor, type UserActor } from '@shared';
import { COMMUNITY, UNIT, unitAdmin } from './support/people';
import { NOW, baseWish, step as decideStep } from './support/wishes';

const volunteers: UserActor[] = Array.from({ length: 12 }, (_, i) => ({ kind: 'user', userId: `v${i}`, communityId: COMMUNITY, roles: ['volunteer'] }));

type Step =
  | { op: 'claim'; who: number }
  | { op: 'claimUnit' }
  | { op: 'release'; who: number }
  | { op: 'releaseUnit' }
  | { op: 'extend'; who: number }
  | { op: 'wait'; hours: number }
  | { op: 'expire' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('claim' as const), who: fc.nat(11) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'claimUnit' as const }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('release' as const), who: fc.nat(11) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'releaseUnit' as const }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('extend' as const), who: fc.nat(11) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('wait' as const), hours: fc.integer({ min: 1, max: 30 }) }) },
  { weight: 2, arbitrary: fc.constant({ op: 'expire' as const }) },
);

function run(wish: Wish, s: Step, now: Date): Wish {
  const call = (action: Parameters<typeof decide>[1], actor: Actor, input = {}) => decideStep(wish, action, actor, now, { input }).wish;
  switch (s.op) {
    case 'claim':
      return call('claim', volunteers[s.who]);
    case 'claimUnit':
      return call('claim', unitAdmin, { asUnit: UNIT });
    case 'release':
      return call('release', volunteers[s.who]);
    case 'releaseUnit':
      return call('release', unitAdmin);
    case 'extend':
      return call('extend', volunteers[s.who]);
    case 'expire':
      return call('expire', SYSTEM);
    case 'wait':
      return wish;
  }
}

const REFUSALS = ['FORBIDDEN', 'INVALID_TRANSITION', 'ALREADY_CLAIMED', 'CONFLICT'];

describe('places on a wish', () => {
  test('never exceed helpers needed, and the wish is claimed exactly when all are taken', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.array(step, { maxLength: 40 }), (helpersNeeded, steps) => {
        let wish = baseWish({ status: 'open', helpersNeeded, openedAt: NOW });
        let now = NOW;
        for (const s of steps) {
          if (s.op === 'wait') now = new Date(now.getTime() + s.hours * 3_600_000);
          try {
            wish = run(wish, s, now);
          } catch (err) {
            // A refusal changes nothing, and always says why with a stable code.
            expect(err).toBeInstanceOf(AppError);
            expect(REFUSALS).toContain((err as AppError).code);
          }
          expect(slotsTaken(wish)).toBeLessThanOrEqual(helpersNeeded);
          expect(slotsTaken(wish) + slotsFree(wish)).toBe(helpersNeeded);
          expect(wish.status).toBe(slotsFree(wish) === 0 ? 'claimed' : 'open');
          const claimers = wish.claims.map((c) => c.claimerId);
          expect(new Set(claimers).size).toBe(claimers.length);
          for (const c of wish.claims) expect(c.extensions).toBeLessThanOrEqual(DEFAULT_SETTINGS.maxExtensions);
        }
        expect(Wish.safeParse(wish).error).toBeUndefined();
      }),
    );
  });

  test('of k volunteers claiming one after another, exactly min(k, free) win and the rest are told it is taken', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 12 }), (helpersNeeded, k) => {
        let wish = baseWish({ status: 'open', helpersNeeded });
        const outcomes = volunteers.slice(0, k).map((v) => {
          try {
            wish = decideStep(wish, 'claim', v, NOW).wish;
            return 'won';
          } catch (err) {
            return (err as AppError).code;
          }
        });
        expect(outcomes.filter((o) => o === 'won')).toHaveLength(Math.min(k, helpersNeeded));
        expect(outcomes.filter((o) => o !== 'won').every((o) => o === 'ALREADY_CLAIMED')).toBe(true);
      }),
    );
  });

  test('after every lease has run out and expired, all places are free again', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 10 }), (helpersNeeded, k) => {
        let wish = baseWish({ status: 'open', helpersNeeded });
        for (const v of volunteers.slice(0, Math.min(k, helpersNeeded))) wish = decideStep(wish, 'claim', v, NOW).wish;
        const later = new Date(NOW.getTime() + DEFAULT_SETTINGS.leaseHours * 3_600_000);
        const d = decideStep(wish, 'expire', SYSTEM, later);
        expect([d.to, slotsFree(d.wish)]).toEqual(['open', helpersNeeded]);
      }),
    );
  });
});
