import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { RoleLabels } from '@shared/vocab';
import type { Role } from '@shared/vocab';
import { RoleNav, Screen } from '../../../../components';
import { Routes } from '../../../../services/nav';
import { OnDutyCard } from '../../components/OnDutyCard';
import { SupervisionCard } from '../../components/SupervisionCard';
import { StaffGate } from '../../components/StaffGate';
import { WishLookup } from '../../components/WishLookup';
import { staffApi } from '../../lib/api';
import { mayOpen } from '../../lib/roles';
import type { StaffScreen } from '../../lib/roles';
import { useSession } from '../../lib/session';
import { useRemote } from '../../../../hooks/useRemote';
import '../../components/staff.scss';
import './index.scss';
import { Pages, to, type PagePath } from '@shared/routes';

interface Entry {
  screen: StaffScreen;
  title: string;
  desc: string;
}

const ENTRIES: Entry[] = [
  { screen: 'review', title: '审核派单', desc: '审核居民心愿，发布或指派' },
  { screen: 'board', title: '全部心愿', desc: '按状态查看每个心愿和进展，收回停滞的认领' },
  { screen: 'proxy', title: '代录心愿', desc: '电话、微信群、入户走访收集的心愿' },
  { screen: 'escalations', title: '超时预警', desc: '超时无人认领的心愿' },
  { screen: 'map', title: '网格地图', desc: '各网格待认领、已认领和超时的心愿' },
  { screen: 'dashboard', title: '数据看板', desc: '心愿收集、服务人次与评价' },
  { screen: 'org', title: '组织管理', desc: '网格、楼栋、共建单位、成员与邀请码' },
  { screen: 'report', title: '月度报告', desc: '按月汇总，供街道办打印存档' },
  { screen: 'stories', title: '微故事', desc: '把居民确认的心愿写成故事，征得同意后上心愿墙' },
  { screen: 'store', title: '爱心超市', desc: '核销兑换码，管理兑换物品与库存' },
  { screen: 'activities', title: '集体活动', desc: '发布活动，出示签到码，查看签到与服务时长' },
];

const ScreenPages: Record<StaffScreen, PagePath> = {
  home: Pages.staffHome,
  review: Pages.review,
  proxy: Pages.proxy,
  escalations: Pages.escalations,
  dashboard: Pages.dashboard,
  org: Pages.org,
  stories: Pages.stories,
  report: Pages.report,
  store: Pages.store,
  map: Pages.gridMap,
  activities: Pages.staffActivities,
  board: Pages.board,
  recall: Pages.recall,
};
const open = (screen: StaffScreen) => void Taro.navigateTo({ url: to(ScreenPages[screen]) });

/** Counts on the tiles tell a secretary where work is waiting before they tap. */
function useWaiting(role: Role) {
  return useRemote(async () => {
    const [queue, escalations] = await Promise.all([
      mayOpen('review', role) ? staffApi.queue({ limit: 50 }).then((r) => r.items.length, () => null) : null,
      mayOpen('escalations', role) ? staffApi.escalations({ limit: 50 }).then((r) => r.items.length, () => null) : null,
    ]);
    return { review: queue, escalations } as Partial<Record<StaffScreen, number | null>>;
  }, [role]);
}

function Workbench({ role, name }: { role: Role; name: string }) {
  const waiting = useWaiting(role).data ?? {};
  const entries = ENTRIES.filter((e) => mayOpen(e.screen, role));
  return (
    <Screen className='staff-page'>
      <View className='staff-home__hello'>
        <Text className='staff-home__name'>{name}，您好</Text>
        <Text className='staff-home__role'>当前身份：{RoleLabels[role]}</Text>
      </View>
      <View className='staff-home__grid'>
        {entries.map((e) => {
          const count = waiting[e.screen];
          return (
            <View key={e.screen} className='staff-home__tile' role='button' onClick={() => open(e.screen)}>
              <Text className='staff-home__tile-title'>
                {e.title}
                {!!count && <Text className='staff-home__badge'>{count >= 50 ? '50+' : count}</Text>}
              </Text>
              <Text className='staff-home__tile-desc'>{e.desc}</Text>
            </View>
          );
        })}
      </View>
      {(role === 'secretary' || role === 'grid_worker' || role === 'town_admin') && <WishLookup />}
      {(role === 'secretary' || role === 'grid_worker') && <SupervisionCard />}
      {(role === 'secretary' || role === 'grid_worker') && <OnDutyCard />}
      <RoleNav current={Routes.staffHome} />
    </Screen>
  );
}

function StaffHome() {
  const session = useSession();
  if (!session) return null;
  return <Workbench role={session.activeRole} name={session.user.name} />;
}

export default function StaffHomePage() {
  return (
    <StaffGate screen='home'>
      <StaffHome />
    </StaffGate>
  );
}
