import { useEffect, useState } from 'react';
import { orgApi } from './api';

export interface GridLookup {
  names: ReadonlyMap<string, string>;
  /** The lookup has answered or failed: what depends on it (the grid chips, a card's grid name) is final now. */
  settled: boolean;
}

/**
 * Wishes carry a gridId; staff think in grid names ("第二网格"). A failure just leaves ids unnamed.
 * A list with the grid chips above it waits for `settled` before it shows: chips that arrive after
 * the list push it down under the reader's eyes (a layout shift of a tenth of the screen on 审核队列).
 */
export function useGridLookup(): GridLookup {
  const [lookup, setLookup] = useState<GridLookup>({ names: new Map(), settled: false });
  useEffect(() => {
    let live = true;
    orgApi.grids().then(
      (r) => live && setLookup({ names: new Map(r.items.map((g) => [g.id, g.name])), settled: true }),
      () => live && setLookup((l) => ({ ...l, settled: true })),
    );
    return () => {
      live = false;
    };
  }, []);
  return lookup;
}

export function useGridNames(): ReadonlyMap<string, string> {
  return useGridLookup().names;
}
