/**
 * Shared set-up for the staff screens' tests: a signed-in person with staff roles,
 * and a fake `call` that answers per `fn.action` (the services/api boundary).
 */
import type { Role } from '@shared/enums';
import Taro from '@tarojs/taro';
import { taroMock } from './__mocks__/taro';
import { switchRole } from '../../client/src/services/session';

export type Route = (data: Record<string, unknown>) => unknown;

/**
 * Signs in one person who holds every staff role (and resident), acting as `role`.
 * services/session keeps the session in memory once read, so tests change the active
 * role the way the app does (switchRole) rather than re-seeding storage.
 */
export function actAs(role: Role) {
  taroMock.storage.set('xy.session', {
    user: { id: 'u-staff', name: '李书记', memberships: [{ communityId: 'c1', roles: ['secretary', 'grid_worker', 'town_admin', 'resident'] }] },
    activeRole: role,
  });
  switchRole(role);
}

/**
 * routes['dispatch.queue'] answers that call; a function value may throw to reject.
 * Unrouted calls reject, so a screen calling something unexpected fails loudly.
 */
export function routeCalls(callMock: jest.Mock, routes: Record<string, Route | unknown>) {
  callMock.mockImplementation(async (fn: string, action: string, data: Record<string, unknown> = {}) => {
    const key = `${fn}.${action}`;
    if (!(key in routes)) throw new Error(`unexpected call ${key}`);
    const route = routes[key];
    return typeof route === 'function' ? (route as Route)(data) : route;
  });
}

export function callsTo(callMock: jest.Mock, fn: string, action: string) {
  return callMock.mock.calls.filter((c) => c[0] === fn && c[1] === action);
}

/** The community, its compounds and a building, as the proxy form loads them to offer a place. */
export const proxyPlaces = {
  'org.community': { community: { id: 'c1', name: '狮子山社区', location: { type: 'Point', coordinates: [110.11, 32.8] } } },
  'org.buildings': { items: [{ id: 'b3', name: '3栋', compoundId: 'k1', location: { type: 'Point', coordinates: [110.12, 32.81] } }] },
  'org.compounds': { items: [{ id: 'k1', name: '香城苑' }] },
};

export interface FakePlayer {
  src: string;
  played: number;
  /** What the player's onError was given: call it to fail the play (a link that expired). */
  fail?: () => void;
}

/** Taro's InnerAudioContext, each one made recorded in `players` (emptied here): its source, its plays, its failure. */
export function fakePlayers(players: FakePlayer[]): void {
  players.length = 0;
  (Taro as unknown as Record<string, unknown>).createInnerAudioContext = () => {
    const p: FakePlayer = { src: '', played: 0 };
    players.push(p);
    return {
      set src(v: string) {
        p.src = v;
      },
      play: () => p.played++,
      stop: () => undefined,
      destroy: () => undefined,
      onEnded: () => undefined,
      onStop: () => undefined,
      onError: (cb: () => void) => (p.fail = cb),
    };
  };
}
