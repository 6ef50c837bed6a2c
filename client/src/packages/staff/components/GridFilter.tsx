import { View } from '@tarojs/components';
import { ChipGroup } from './ChipGroup';

const ALL = '__all__';

/**
 * A secretary narrows a list to one grid (a grid worker's lists are their grids already; one grid needs no choice).
 * `value` undefined: every grid.
 */
export function GridFilter({ gridNames, value, onChange, className }: { gridNames: ReadonlyMap<string, string>; value: string | undefined; onChange: (id: string | undefined) => void; className?: string }) {
  if (gridNames.size < 2) return null;
  const options = [{ value: ALL, label: '全部网格' }, ...[...gridNames].map(([id, name]) => ({ value: id, label: name }))];
  const chips = <ChipGroup label='按网格筛选' options={options} value={value ?? ALL} onChange={(v) => onChange(v === ALL ? undefined : v)} />;
  return className ? <View className={className}>{chips}</View> : chips;
}
