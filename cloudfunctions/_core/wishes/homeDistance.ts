import { DISTANCE_STEP_M, metresBetween, type GeoPoint } from '@shared';
import type { Runtime } from '../runtime/types';

/** Where a helper lives, as their membership of the community says: the building they registered with. */
export interface HomeFacts {
  buildingId?: string;
}

/**
 * How far each helper of the community lives from a wish: from their home building, in the steps every distance the
 * product shows (DISTANCE_STEP_M), enough to pick whom to ring or send first; undefined when they have not said where
 * they live. The buildings are read once for the whole list.
 */
export async function homeDistances(rt: Runtime, communityId: string, to: GeoPoint): Promise<(home: HomeFacts | undefined) => number | undefined> {
  const homes = new Map<string, [number, number]>();
  for (const b of await rt.repos.org.buildings(communityId)) if (b.location) homes.set(b._id, b.location.coordinates as [number, number]);
  return (home) => {
    const at = home?.buildingId ? homes.get(home.buildingId) : undefined;
    return at ? Math.round(metresBetween(at, to.coordinates) / DISTANCE_STEP_M) * DISTANCE_STEP_M : undefined;
  };
}
