import type { Caller } from './caller';
import { gridOfBuilding, checkWishText } from './newWish';
import type { Runtime, WishDoc } from './types';

type Edits = {
  category?: WishDoc['category'];
  title?: string;
  description?: string;
  location?: WishDoc['location'];
  address?: string | null;
  buildingId?: string | null;
  contactPhone?: string | null;
  preferredTime?: { from: string; to: string } | null;
  helpersNeeded?: number;
  anonymous?: boolean;
};

/** An edit names only what changes; null clears an optional field. Returns the $set/$unset of it. */
export async function editsToUpdate(rt: Runtime, caller: Caller, wish: WishDoc, edits: Edits) {
  await checkWishText(rt, caller, { title: edits.title, description: edits.description, address: edits.address });
  const $set: Partial<WishDoc> = {};
  const $unset: Record<string, ''> = {};
  for (const [key, value] of Object.entries(edits)) {
    if (value === undefined) continue;
    if (value === null) $unset[key] = '';
    else ($set as Record<string, unknown>)[key] = value;
  }
  if (edits.buildingId !== undefined) {
    const gridId = await gridOfBuilding(rt, wish.communityId, edits.buildingId);
    if (gridId) $set.gridId = gridId;
    else $unset.gridId = '';
  }
  // Only wishes nobody holds are edited, so every place is free.
  if (edits.helpersNeeded !== undefined) $set.slotsFree = edits.helpersNeeded;
  return { $set, $unset, changed: Object.keys(edits).filter((k) => k !== 'wishId' && (edits as Record<string, unknown>)[k] !== undefined) };
}
