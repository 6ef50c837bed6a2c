import Taro from '@tarojs/taro';
import type { Role } from '@shared/enums/roles';
import { getSession, rolesOf } from './session';

/** Where each role lands after login or a role switch. */
export const HomeOf: Record<Role, string> = {
  resident: '/pages/home/index',
  volunteer: '/packages/helper/pages/hall/index',
  party_member: '/packages/helper/pages/hall/index',
  unit_admin: '/packages/helper/pages/unit/index',
  grid_worker: '/packages/staff/pages/index/index',
  secretary: '/packages/staff/pages/index/index',
  town_admin: '/packages/staff/pages/index/index',
};

export const Routes = {
  login: '/pages/login/index',
  home: '/pages/home/index',
  post: '/pages/post/index',
  wish: (id: string) => `/pages/wish/index?id=${encodeURIComponent(id)}`,
  wall: '/pages/wall/index',
  inbox: '/pages/inbox/index',
  me: '/pages/me/index',
  join: '/pages/join/index',
  hall: '/packages/helper/pages/hall/index',
  task: (id: string) => `/packages/helper/pages/task/index?id=${encodeURIComponent(id)}`,
  myTasks: '/packages/helper/pages/mine/index',
  hours: '/packages/helper/pages/hours/index',
  unit: '/packages/helper/pages/unit/index',
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

export function back(fallback: string = Routes.home): void {
  const pages = Taro.getCurrentPages?.() ?? [];
  if (pages.length > 1) void Taro.navigateBack();
  else void Taro.reLaunch({ url: fallback });
}
