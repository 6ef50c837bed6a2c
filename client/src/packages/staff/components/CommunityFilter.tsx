import { useEffect, useState } from 'react';
import { call } from '../../../services/api';
import { ChipGroup } from './ChipGroup';

interface CommunityRef {
  id: string;
  name: string;
}

const ALL = '__all__';

/**
 * A town admin compares the communities of the town. The list comes from org.community
 * (its `communities`, for a town admin); without it the dashboard shows the town's total.
 */
export function CommunityFilter({ value, onChange }: { value: string | undefined; onChange: (id: string | undefined) => void }) {
  const [communities, setCommunities] = useState<CommunityRef[]>([]);
  useEffect(() => {
    let live = true;
    call<{ communities?: CommunityRef[] }>('org', 'community', {}).then(
      (r) => live && setCommunities(Array.isArray(r?.communities) ? r.communities : []),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  if (communities.length === 0) return null;
  const options = [{ value: ALL, label: '全镇' }, ...communities.map((c) => ({ value: c.id, label: c.name }))];
  return <ChipGroup label='社区' options={options} value={value ?? ALL} onChange={(v) => onChange(v === ALL ? undefined : v)} />;
}
