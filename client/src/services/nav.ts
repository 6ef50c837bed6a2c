import Taro from '@tarojs/taro';
import type { Role } from '@shared/vocab/roles';
import { Pages, activityPage, editPage, joinPage, link, pageOf, resubmitPage, storiesPage, storyPage, recallPage, taskPage, to, wishPage } from '@shared/routes';
import { takeReturn } from './returnTo';
import { getSession, rolesOf } from './session';
import { isH5 } from './platform';

/** Where each role lands after login or a role switch. */
export const HomeOf: Record<Role, string> = {
  resident: to(Pages.home),
  volunteer: to(Pages.hall),
  party_member: to(Pages.hall),
  unit_admin: to(Pages.unit),
  grid_worker: to(Pages.staffHome),
  secretary: to(Pages.staffHome),
  town_admin: to(Pages.staffHome),
};

/** Navigation targets (leading slash), from the one route table in shared/routes.ts. */
export const Routes = {
  login: to(Pages.login),
  home: to(Pages.home),
  post: to(Pages.post),
  /** The post form with 用时间支付 on: what the 时间银行's 用时间发布心愿 opens. */
  postPaying: to(link(Pages.post, { pay: '1' })),
  wish: (id: string) => to(wishPage(id)),
  recall: (id: string) => to(recallPage(id)),
  resubmit: (id: string) => to(resubmitPage(id)),
  edit: (id: string) => to(editPage(id)),
  wall: to(Pages.wall),
  wallOf: (communityId: string) => to(link(Pages.wall, { communityId })),
  story: (id: string) => to(storyPage(id)),
  stories: (wishId?: string) => to(storiesPage(wishId)),
  inbox: to(Pages.inbox),
  me: to(Pages.me),
  join: to(Pages.join),
  hall: to(Pages.hall),
  task: (id: string) => to(taskPage(id)),
  myTasks: to(Pages.myTasks),
  hours: to(Pages.hours),
  points: to(Pages.points),
  timebank: to(Pages.timebank),
  activities: to(Pages.activities),
  activity: (id: string) => to(activityPage(id)),
  unit: to(Pages.unit),
  entry: to(Pages.entry),
  staffHome: to(Pages.staffHome),
  review: to(Pages.review),
} as const;

export function go(url: string): void {
  void Taro.navigateTo({ url }).catch(() => Taro.redirectTo({ url }));
}

/**
 * Role homes replace the whole stack: switching roles is a fresh start. Someone who belongs
 * to no community yet (a first WeChat login) has no home that works for them, so every
 * landing (login, app entry) sends them to join one instead.
 */
export function goHome(role: Role): void {
  const session = getSession();
  const url = session && rolesOf(session.user).length === 0 ? Routes.join : HomeOf[role];
  void Taro.reLaunch({ url });
}

/**
 * After logging in: back to the page that sent the person to log in (a shared wish link, with
 * its id), else their role's home. Someone with no community yet still goes to join one first:
 * the join page they came from (an invite's QR code, its code in the link) is that page, code kept.
 */
export function landAfterLogin(role: Role): void {
  const back = takeReturn();
  const session = getSession();
  const member = !!session && rolesOf(session.user).length > 0;
  if (back && session && (member || pageOf(back) === Pages.join)) void Taro.reLaunch({ url: back });
  else goHome(role);
}

export function back(fallback: string = Routes.home): void {
  const pages = Taro.getCurrentPages?.() ?? [];
  if (pages.length > 1) void Taro.navigateBack();
  else void Taro.reLaunch({ url: fallback });
}

/**
 * The address an invite's QR code carries. On h5: this app's own join page with the code, which a phone's camera
 * or WeChat's scanner opens; not logged in, the login comes first and lands back there (landAfterLogin).
 * In the mini-program: the join page's path with the code (`pages/join/index?code=…`), the page and query a
 * 小程序码 would open. WeChat's scanner does not open a mini-program from a plain QR code of a path, so in
 * production the staff screen should show a 小程序码 instead: wxacode.getUnlimited({ page: 'pages/join/index',
 * scene: code, check_path, env_version }) called by the server with the mini-program's access_token (its AppSecret,
 * which this project has no copy of), for a published version of the page, the image stored and served to the
 * staff screen; the join page already reads such a scene (shared/routes `inviteCodeOf`). Or a 普通链接二维码 rule
 * in the mini-program's console for the h5 link's prefix (a verification file on that domain): then this same
 * h5 link opens the mini-program, the page reads it from `q`.
 */
export function inviteLink(code: string): string {
  const path = joinPage(code);
  if (isH5 && typeof window !== 'undefined') return `${window.location.origin}${window.location.pathname}#/${path}`;
  return path;
}
