import { useEffect, useState } from 'react';
import { call } from '../../../services/api';

/** A town admin reads across communities: name each wish's community. Others never need it. */
export function useCommunityNames(enabled: boolean): ReadonlyMap<string, string> {
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    call<{ communities?: { id: string; name: string }[] }>('org', 'community', {}).then(
      (r) => live && setNames(new Map((r?.communities ?? []).map((c) => [c.id, c.name]))),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [enabled]);
  return names;
}
