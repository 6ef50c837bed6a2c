import { useEffect, useState } from 'react';
import type { GeoPoint } from '@shared/schemas';
import { afterPaint } from '../../../services/afterPaint';
import { orgApi } from './api';

export interface Place {
  id: string;
  label: string;
  location?: GeoPoint;
}

export interface Places {
  buildings: Place[];
  communityLocation: GeoPoint | null;
}

function pointOf(v: unknown): GeoPoint | null {
  const p = v as GeoPoint | undefined;
  return p && p.type === 'Point' && Array.isArray(p.coordinates) ? p : null;
}

/**
 * Buildings ("香城苑 · 3栋") and the community's own point, so a proxy entry can be placed
 * without a map. Failures leave the lists empty: the map picker still works.
 */
export function usePlaces(): Places {
  const [places, setPlaces] = useState<Places>({ buildings: [], communityLocation: null });
  useEffect(() => {
    let live = true;
    // Asked for once the form is on screen: it is drawn without them (the map picker needs none).
    void afterPaint()
      .then(() => Promise.allSettled([orgApi.community(), orgApi.buildings(), orgApi.compounds()]))
      .then(([c, b, k]) => {
        if (!live) return;
        const community = c.status === 'fulfilled' ? c.value.community : null;
        const compounds = new Map((k.status === 'fulfilled' ? k.value.items : []).map((x) => [x.id, x]));
        const buildings = (b.status === 'fulfilled' ? b.value.items : []).map((x) => {
          const compound = x.compoundId ? compounds.get(x.compoundId) : undefined;
          return {
            id: x.id,
            label: compound ? `${compound.name} · ${x.name}` : x.name,
            location: pointOf(x.location) ?? pointOf(compound?.location) ?? undefined,
          };
        });
        setPlaces({ buildings, communityLocation: pointOf(community?.location) });
      });
    return () => {
      live = false;
    };
  }, []);
  return places;
}
