import type { WishView } from '../../services/types';

/**
 * Wishes seen in the task hall, by id. A helper may not read `wishes.detail` of an
 * open wish they don't hold, so the task page starts from what the hall showed.
 */
const seen = new Map<string, WishView>();

export function remember(items: WishView[]): void {
  for (const w of items) seen.set(w.id, w);
}

export function recall(id: string): WishView | undefined {
  return seen.get(id);
}
