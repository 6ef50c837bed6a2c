import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Role } from '@shared/vocab/roles';
import { Routes } from '../services/nav';
import { getSession } from '../services/session';

interface NavItem {
  label: string;
  url: string;
}

const RESIDENT: NavItem[] = [
  { label: '我的心愿', url: Routes.home },
  { label: '心愿墙', url: Routes.wall },
  { label: '消息', url: Routes.inbox },
  { label: '我的', url: Routes.me },
];

const HELPER: NavItem[] = [
  { label: '任务大厅', url: Routes.hall },
  { label: '我的任务', url: Routes.myTasks },
  { label: '消息', url: Routes.inbox },
  { label: '我的', url: Routes.me },
];

const UNIT_ADMIN: NavItem[] = [
  { label: '单位认领', url: Routes.unit },
  { label: '任务大厅', url: Routes.hall },
  { label: '消息', url: Routes.inbox },
  { label: '我的', url: Routes.me },
];

/** Staff work from their desk: a resident's 我的心愿 would show them an empty list of their own. */
const STAFF: NavItem[] = [
  { label: '工作台', url: Routes.staffHome },
  { label: '消息', url: Routes.inbox },
  { label: '我的', url: Routes.me },
];

export function navItemsFor(role: Role | undefined): NavItem[] {
  if (role === 'volunteer' || role === 'party_member') return HELPER;
  if (role === 'unit_admin') return UNIT_ADMIN;
  if (role === 'secretary' || role === 'grid_worker' || role === 'town_admin') return STAFF;
  return RESIDENT;
}

/** Bottom navigation per role (a custom bar: WeChat's tabBar can't change per role). */
export function RoleNav({ current }: { current: string }) {
  const items = navItemsFor(getSession()?.activeRole);
  return (
    <View className="role-nav" role="navigation">
      {items.map((item) => (
        <View
          key={item.url}
          className={`role-nav__item${item.url === current ? ' role-nav__item--active' : ''}`}
          onClick={() => item.url !== current && void Taro.redirectTo({ url: item.url })}
        >
          <Text>{item.label}</Text>
        </View>
      ))}
    </View>
  );
}
