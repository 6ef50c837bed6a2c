import { Text, View } from '@tarojs/components';
import { PartyBranchLevelLabels } from '@shared/vocab';
import { inTreeOrder } from '@shared/org';
import type { DashboardData } from '../lib/useDashboard';

/**
 * 党组织与双报到: each branch's services and hours rolled up the tree (a 党总支 counts what its 党支部 and 党小组 did,
 * each service once), its party members and how many have reported (报到); then per co-building unit, its party
 * members, how many reported where they live, and its people's services. `totals` undefined: still loading.
 */
export function BranchTotals({ totals: t }: { totals: DashboardData['branches'] | undefined }) {
  return (
    <View className='staff-card'>
      <Text className='staff-card__title'>党组织与双报到</Text>
      {!t && <Text className='staff-chart__empty'>加载中…</Text>}
      {t &&
        inTreeOrder(t.branches).map(({ node: row, depth }) => (
          <View key={row.id} className='staff-org__branch' style={{ paddingLeft: `${depth * 16}px` }}>
            <Text className='staff-org__level'>{PartyBranchLevelLabels[row.level]}</Text>
            <Text className='staff-org__name'>{row.name}</Text>
            <Text className='staff-org__sub'>
              服务 {row.total.services} 次 · {row.total.hours} 小时 · 党员 {row.total.members} 人（已报到 {row.total.reported}）
            </Text>
          </View>
        ))}
      {t && t.units.some((u) => u.members > 0 || u.services > 0) && (
        <>
          <Text className='staff-panel__label'>共建单位在职党员报到</Text>
          {t.units
            .filter((u) => u.members > 0 || u.services > 0)
            .map((u) => (
              <View key={u.id} className='staff-org__group'>
                <Text className='staff-org__name'>{u.name}</Text>
                <Text className='staff-org__sub'>
                  党员 {u.members} 人 · 已报到 {u.reported} 人 · 服务 {u.services} 次 · {u.hours} 小时
                </Text>
              </View>
            ))}
        </>
      )}
    </View>
  );
}
