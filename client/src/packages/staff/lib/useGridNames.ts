import { useEffect, useState } from 'react';
import { orgApi } from './api';

/** Wishes carry a gridId; staff think in grid names ("第二网格"). A failure just leaves ids unnamed. */
export function useGridNames(): ReadonlyMap<string, string> {
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    let live = true;
    orgApi.grids().then(
      (r) => live && setNames(new Map(r.items.map((g) => [g.id, g.name]))),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return names;
}
