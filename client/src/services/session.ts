import Taro from '@tarojs/taro';
import { AppError } from '@shared/errors';
import { RoleLabels, type Role } from '@shared/vocab/roles';
import type { User } from '@shared/schemas/user';
import type { UserView } from '@shared/actions';
import { call, endSignIn, httpJson } from './api';
import { isH5, usesCloud } from './platform';
import { rememberReturn } from './returnTo';
import { getRefreshToken, getToken, setDeactivatedHandler, setTokens, setUnauthenticatedHandler, type TokenPair } from './token';
import { Pages, to } from '@shared/routes';

/** The user as the client keeps it: the server's user plus which of their roles is in use. */
export type SessionUser = Pick<User, 'id' | 'name' | 'memberships'> &
  Partial<Pick<User, 'phone' | 'avatarUrl' | 'showFullName'>> &
  Partial<Pick<UserView, 'communityId' | 'communityName' | 'communities'>>;

/**
 * The memberships the person acts under: the community they picked (the server answers every call as that one) and
 * any town's. Someone in one community, or a session from before the server said, has them all.
 */
function actingMemberships(user: SessionUser): SessionUser['memberships'] {
  return (user.memberships ?? []).filter((m) => m.communityId === undefined || user.communityId === undefined || m.communityId === user.communityId);
}

export interface Session {
  user: SessionUser;
  activeRole: Role;
}

const SESSION_KEY = 'xy.session';


export interface DemoPerson {
  as: string;
  name: string;
  roles: Role[];
  /** Who they are and what to try as them: the seed's words (server/seedData.ts USERS), absent for people added since. */
  title?: string;
  does?: string;
}

/** The seeded people the local/demo server's dev-login accepts (`GET /api/auth/dev-users`). */
export async function demoPeople(): Promise<DemoPerson[]> {
  return (await httpJson<{ items: DemoPerson[] }>('GET', '/api/auth/dev-users')).items;
}

/** The login buttons, in the server's order: "who they are · their name", and what to try as them. */
export function demoLoginChoices(people: readonly DemoPerson[]): { key: string; label: string; does?: string }[] {
  return people.map((p) => {
    const what = p.title ?? ROLE_PRIORITY.filter((r) => p.roles.includes(r)).map((r) => RoleLabels[r]).join('、');
    return { key: p.as, label: `${what || '居民'} · ${p.name}`, ...(p.does ? { does: p.does } : {}) };
  });
}

/** The order in which a person with several roles lands: the work they most likely came to do. */
const ROLE_PRIORITY: Role[] = ['secretary', 'town_admin', 'grid_worker', 'unit_admin', 'party_member', 'volunteer', 'resident'];

export function rolesOf(user: SessionUser): Role[] {
  const all = new Set<Role>();
  for (const m of actingMemberships(user)) for (const r of m.roles) all.add(r);
  return ROLE_PRIORITY.filter((r) => all.has(r));
}

let current: Session | null | undefined;
const listeners = new Set<(s: Session | null) => void>();

function emit(): void {
  for (const l of listeners) l(current ?? null);
}

function storedSession(): Session | null {
  const stored = Taro.getStorageSync(SESSION_KEY) as Session | '' | undefined;
  return stored && typeof stored === 'object' && stored.user ? stored : null;
}

export function getSession(): Session | null {
  if (current === undefined) current = storedSession();
  return current;
}

/**
 * The session for an onlooker (the banner every page shows): the one in memory, else the stored one, without loading
 * it into memory. Which session a page works with stays the page's own first read.
 */
export function peekSession(): Session | null {
  return current !== undefined ? current : storedSession();
}

function save(session: Session | null): void {
  current = session;
  if (session) Taro.setStorageSync(SESSION_KEY, session);
  else Taro.removeStorageSync(SESSION_KEY);
  emit();
}

export function subscribeSession(listener: (s: Session | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function isLoggedIn(): boolean {
  const s = getSession();
  return !!s && (usesCloud() || !!getToken());
}

function adopt(user: SessionUser, preferred?: Role): Session {
  const roles = rolesOf(user);
  const keep = preferred && roles.includes(preferred) ? preferred : (roles[0] ?? 'resident');
  const session = { user, activeRole: keep };
  save(session);
  return session;
}

type AuthReply = TokenPair & { user: SessionUser };

/** h5 and local mode: pick a seeded person (only the local/demo server answers this). */
export async function devLogin(as: string): Promise<Session> {
  const reply = await httpJson<AuthReply>('POST', '/api/auth/dev-login', { as });
  setTokens(reply);
  return adopt(reply.user);
}

/** WeChat cloud vouches for the caller's openid itself: "who am I" is a function call, no token. */
async function cloudMe(): Promise<SessionUser> {
  return (await call('org', 'me', {})).user;
}

/** Self-hosted weapp: wx.login's code → the server's code2Session → our token. In WeChat cloud: org.me. */
export async function wechatLogin(): Promise<Session> {
  if (usesCloud()) return adopt(await cloudMe());
  const { code } = await Taro.login();
  const reply = await httpJson<AuthReply>('POST', '/api/auth/login', { code });
  setTokens(reply);
  return adopt(reply.user);
}

/** Which login the login page offers: WeChat in a real mini-program, the demo role picker elsewhere. */
export function loginKind(): 'wechat' | 'demo' {
  return isH5 ? 'demo' : 'wechat';
}

/** Refresh the user (roles may have changed on the server since the last launch). */
export async function refreshMe(): Promise<Session | null> {
  if (usesCloud()) return adopt(await cloudMe(), getSession()?.activeRole);
  const reply = await httpJson<{ user: SessionUser } | SessionUser>('GET', '/api/auth/me');
  const user = 'user' in reply && reply.user ? reply.user : (reply as SessionUser);
  return adopt(user, getSession()?.activeRole);
}

/** A helper's choice: whether the wall and the leaderboard name them in full (the server keeps it). */
export async function chooseFullName(showFullName: boolean): Promise<Session> {
  const { user } = await call('org', 'updateMe', { showFullName });
  return adopt(user, getSession()?.activeRole);
}

/** Act in another community the person belongs to: the server answers as that membership from now on; the roles follow. */
export async function switchCommunity(communityId: string): Promise<Session> {
  const { user } = await call('org', 'actIn', { communityId });
  return adopt(user, getSession()?.activeRole);
}

export function switchRole(role: Role): Session | null {
  const s = getSession();
  if (!s || !rolesOf(s.user).includes(role)) return s;
  const next = { ...s, activeRole: role };
  save(next);
  return next;
}

/** Forgets the sign-in on this device only (the server has ended it already, or never knew it). */
function forget(): void {
  setTokens(null);
  save(null);
}

/** Signs out: on this device at once, and on the server, which ends the sign-in so a copied token stops working too. */
export function logout(): void {
  const refreshToken = usesCloud() ? null : getRefreshToken();
  forget();
  // Not waited for: signing out never fails on this device; a server that missed it lets the refresh token run out.
  if (refreshToken) void endSignIn(refreshToken);
}

/** Membership facts the screens need (unit of a unit admin, building of a resident). */
export function membership(): SessionUser['memberships'][number] | undefined {
  const s = getSession();
  if (!s) return undefined;
  const acting = actingMemberships(s.user);
  return acting.find((m) => m.roles.includes(s.activeRole)) ?? acting[0];
}

/** A community membership the person is paused in (停用), as the banner tells them. */
export interface Paused {
  communityId: string;
  communityName: string;
  reason?: string;
  /** Their other communities where they are active: they may switch to one and go on there. */
  elsewhere: { id: string; name: string }[];
}

/**
 * Whether the community the person acts in has paused them (its secretary deactivated the membership: every call there
 * is refused MEMBER_DEACTIVATED but who they are and a switch of community), from the session as last read.
 */
export function pausedOf(user: SessionUser): Paused | null {
  const communities = (user.memberships ?? []).filter((m) => m.communityId !== undefined);
  const acting = communities.find((m) => m.communityId === user.communityId) ?? communities[0];
  if (!acting?.deactivated) return null;
  const nameOf = (id: string) => user.communities?.find((c) => c.id === id)?.name ?? (id === user.communityId ? user.communityName : undefined);
  const communityId = acting.communityId!;
  return {
    communityId,
    communityName: nameOf(communityId) ?? '本社区',
    ...(acting.deactivated.reason ? { reason: acting.deactivated.reason } : {}),
    elsewhere: communities
      .filter((m) => m !== acting && !m.deactivated)
      .map((m) => ({ id: m.communityId!, name: nameOf(m.communityId!) ?? '其他社区' })),
  };
}

/**
 * A refusal because the community the person acts in paused them: what the banner already says (PausedBanner), so a
 * page or a toast adds nothing of its own. A refusal about another community (a switch to, or an invite of, one that
 * paused them) is not: that one is told where it happened.
 */
export function isPausedHere(err: unknown): boolean {
  if (!(err instanceof AppError) || err.code !== 'MEMBER_DEACTIVATED') return false;
  const user = peekSession()?.user;
  const acting = user?.communityId ?? user?.memberships.find((m) => m.communityId !== undefined)?.communityId;
  const about = (err.details as { communityId?: unknown } | undefined)?.communityId;
  return about === undefined || about === acting;
}

let rereading: Promise<unknown> | undefined;

/** A call refused MEMBER_DEACTIVATED: who they are is read again (once for every refusal meanwhile), and the banner follows. */
setDeactivatedHandler(() => {
  rereading ??= refreshMe()
    .catch(() => null)
    .finally(() => {
      rereading = undefined;
    });
});

setUnauthenticatedHandler(() => {
  forget();
  const pages = Taro.getCurrentPages?.() ?? [];
  const here = pages[pages.length - 1]?.route ?? '';
  if (here.includes(Pages.login)) return;
  rememberReturn();
  void Taro.reLaunch({ url: to(Pages.login) });
});
