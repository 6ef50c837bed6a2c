import { useTownCommunities } from '../lib/useCommunityNames';
import { ChipGroup } from './ChipGroup';

const ALL = '__all__';

/**
 * A town admin compares the communities of the town (org.community lists them for a town
 * admin); without the list the dashboard shows the town's total.
 */
export function CommunityFilter({ value, onChange }: { value: string | undefined; onChange: (id: string | undefined) => void }) {
  const communities = useTownCommunities(true);
  if (communities.length === 0) return null;
  const options = [{ value: ALL, label: '全镇' }, ...communities.map((c) => ({ value: c.id, label: c.name }))];
  return <ChipGroup label='社区' options={options} value={value ?? ALL} onChange={(v) => onChange(v === ALL ? undefined : v)} />;
}
