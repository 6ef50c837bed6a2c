import { useEffect, useMemo, useState } from 'react';
import type { NamedRef } from '@shared/actions';
import { call } from '../../../services/api';

/** The town's communities, for a town admin (org.community names them when no community is asked for); none for others. */
export function useTownCommunities(enabled: boolean): NamedRef[] {
  const [communities, setCommunities] = useState<NamedRef[]>([]);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    call('org', 'community', {}).then(
      (r) => live && setCommunities('communities' in r ? r.communities : []),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [enabled]);
  return communities;
}

/** A town admin reads across communities: name each wish's community. Others never need it. */
export function useCommunityNames(enabled: boolean): ReadonlyMap<string, string> {
  const communities = useTownCommunities(enabled);
  return useMemo(() => new Map(communities.map((c) => [c.id, c.name])), [communities]);
}
