import { Text, View } from '@tarojs/components';
import type { Overview } from '../lib/useDashboard';
import { formatNumber } from '../lib/format';
import { InFlightStates, WishStateLabels } from '@shared/vocab';

/**
 * The headline numbers a community reports ("收集心愿1500个，服务1800人次"), each counted by when
 * its step happened inside the chosen period; a service and its hours count once the resident confirms.
 */
const TILES: { key: keyof Overview; label: string; decimals?: number; unit?: string }[] = [
  { key: 'collected', label: '本期收集' },
  { key: 'approved', label: '本期审核通过' },
  { key: 'claimed', label: '本期认领' },
  { key: 'completed', label: '本期完成' },
  { key: 'confirmed', label: '本期居民确认' },
  { key: 'serviceCount', label: '本期服务人次' },
  { key: 'serviceHours', label: '本期服务时长', decimals: 1, unit: '小时' },
  { key: 'avgRating', label: '平均评分', decimals: 1, unit: '分' },
];

/**
 * What is in flight right now, whatever the period: each state under its own name, the figures of 全部心愿's tabs;
 * then the period's helpers.
 */
const NOW: { label: string; value: (o: Overview) => number | undefined }[] = [
  ...InFlightStates.map((s) => ({ label: WishStateLabels[s], value: (o: Overview) => o.byStatus[s] ?? 0 })),
  { label: '本期参与志愿者', value: (o: Overview) => o.helpers },
];

/**
 * `overview` undefined: still loading. The tiles are drawn at once with — in place of each number (formatNumber's mark
 * for none), so the page shows its whole frame before the first answer and nothing moves when the numbers come.
 */
export function StatTiles({ overview }: { overview: Overview | undefined }) {
  return (
    <View aria-busy={!overview}>
      <Headline overview={overview} />
      <View className='staff-now'>
        {NOW.map((t) => {
          const value = formatNumber(overview && t.value(overview));
          return (
            <Text key={t.label} className='staff-now__item' aria-label={`${t.label} ${value}`}>
              {t.label} <Text className='staff-now__value'>{value}</Text>
            </Text>
          );
        })}
      </View>
    </View>
  );
}

function Headline({ overview }: { overview: Overview | undefined }) {
  return (
    <View className='staff-tiles'>
      {TILES.map((t) => {
        const value = overview?.[t.key] as number | null | undefined;
        const shown = overview && t.key === 'avgRating' && !value ? '暂无' : formatNumber(value, t.decimals);
        return (
          <View key={t.key} className='staff-tile' aria-label={`${t.label} ${shown}`}>
            <Text className='staff-tile__value'>
              {shown}
              {overview && shown !== '暂无' && t.unit && <Text className='staff-tile__unit'>{t.unit}</Text>}
            </Text>
            <Text className='staff-tile__label'>{t.label}</Text>
          </View>
        );
      })}
    </View>
  );
}
