import { Text, View } from '@tarojs/components';
import { byCodeUnits, monthLabel } from '../lib/format';
import type { BreakdownRow } from '../lib/useDashboard';

interface Props {
  rows: BreakdownRow[];
}

/**
 * Wishes per month as columns with the count on top: a trend reads well enough this way
 * and costs nothing in the bundle (an F2 canvas would add ~150 KB to the sub-package).
 */
/**
 * While the breakdown loads: the chart's own frame (.staff-trend's fixed height), so the cards under it stay
 * where they are when the columns arrive instead of being pushed down by them.
 */
export function TrendChartLoading() {
  return (
    <View className='staff-trend staff-trend--loading' aria-busy='true'>
      <Text className='staff-chart__empty'>加载中…</Text>
    </View>
  );
}

export function TrendChart({ rows }: Props) {
  if (rows.length === 0) return <Text className='staff-chart__empty'>暂无数据</Text>;
  const sorted = [...rows].sort((a, b) => byCodeUnits(a.key, b.key)).slice(-12);
  const max = Math.max(1, ...sorted.map((r) => r.count));
  return (
    <View className='staff-trend'>
      {sorted.map((r) => (
        <View key={r.key} className='staff-trend__col' aria-label={`${monthLabel(r.key)} ${r.count}`}>
          <Text className='staff-trend__value'>{r.count}</Text>
          <View className='staff-trend__bar-area'>
            <View className='staff-trend__bar' style={{ height: `${(r.count / max) * 100}%` }} />
          </View>
          <Text className='staff-trend__label'>{monthLabel(r.key)}</Text>
        </View>
      ))}
    </View>
  );
}
