import type { NearbyItem } from '../../services/wishes';

/**
 * Wishes seen in the task hall, by id. When `wishes.detail` is refused (someone else took
 * the wish meanwhile), the task page still shows what the hall showed, with no buttons.
 */
const seen = new Map<string, NearbyItem>();

export function remember(items: readonly NearbyItem[]): void {
  for (const w of items) seen.set(w.id, w);
}

export function recall(id: string): NearbyItem | undefined {
  return seen.get(id);
}
