import { Text, View } from '@tarojs/components';
import { formatNumber } from '../lib/format';

export interface Bar {
  key: string;
  label: string;
  value: number;
}

interface Props {
  bars: Bar[];
  unit?: string;
  emptyText?: string;
  /** Numbered ranks for a leaderboard. */
  ranked?: boolean;
}

/** Horizontal bars drawn with Views: no chart library in the bundle, readable on a small phone. */
export function BarList({ bars, unit = '', emptyText = '暂无数据', ranked }: Props) {
  if (bars.length === 0) return <Text className='staff-chart__empty'>{emptyText}</Text>;
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <View className='staff-bars'>
      {bars.map((b, i) => (
        <View key={b.key || i} className='staff-bars__row' aria-label={`${b.label} ${b.value}${unit}`}>
          <Text className='staff-bars__label'>
            {ranked ? `${i + 1}. ` : ''}
            {b.label}
          </Text>
          <View className='staff-bars__track'>
            <View className='staff-bars__fill' style={{ width: `${(b.value / max) * 100}%` }} />
          </View>
          <Text className='staff-bars__value'>
            {formatNumber(b.value)}
            {unit}
          </Text>
        </View>
      ))}
    </View>
  );
}

/**
 * While a list of at most `rows` bars loads (a leaderboard's limit): that many empty rows, so the list takes its
 * place at once and the cards under it are not pushed down when the bars arrive.
 */
export function BarListLoading({ rows }: { rows: number }) {
  return (
    <View className='staff-bars' aria-busy='true'>
      {Array.from({ length: rows }, (_, i) => (
        <View key={i} className='staff-bars__row' aria-hidden={i > 0}>
          <Text className='staff-bars__label'>{i === 0 ? '加载中…' : '\u00a0'}</Text>
          <View className='staff-bars__track' />
          <Text className='staff-bars__value'>{'\u00a0'}</Text>
        </View>
      ))}
    </View>
  );
}
