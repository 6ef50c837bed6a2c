import { useEffect, useRef, useState } from 'react';
import type { SimilarWish } from '@shared/actions';
import type { Category } from '@shared/vocab/categories';
import type { GeoPoint } from '@shared/schemas/primitives';
import { wishesApi } from '../services/wishes';

/** Long enough that tapping through the categories or nudging the map pin asks once, not per tap. */
export const SIMILAR_DELAY_MS = 500;

/**
 * Open wishes of the same category near the chosen place (`wishes.similar`), to point out a
 * neighbour's request before posting the same one. Only a hint: a failed or offline lookup
 * gives an empty list, and a reply for a category or place no longer chosen is dropped.
 * `settled` (a submit under way) stops any lookup for the current choice: the person has
 * decided to post, so nothing is asked behind the spinner or after it.
 */
export function useSimilarWishes(category: Category | null | undefined, location: GeoPoint | null | undefined, settled = false): SimilarWish[] {
  const [found, setFound] = useState<{ key: string; items: SimilarWish[] }>({ key: '', items: [] });
  const ticket = useRef(0);
  const settledKey = useRef('');
  const key = category && location ? `${category}@${location.coordinates.join(',')}` : '';

  useEffect(() => {
    // A new choice (or a form started over) is a new question, even if a submit settled an older one.
    if (settledKey.current !== key) settledKey.current = '';
    if (!key || !category || !location) return;
    if (settled) {
      settledKey.current = key;
      return;
    }
    if (settledKey.current === key) return;
    const mine = ++ticket.current;
    const timer = setTimeout(() => {
      wishesApi.similar({ category, location }).then(
        (reply) => {
          if (mine === ticket.current) setFound({ key, items: reply?.items ?? [] });
        },
        () => {
          if (mine === ticket.current) setFound({ key, items: [] });
        },
      );
    }, SIMILAR_DELAY_MS);
    return () => {
      clearTimeout(timer);
      ticket.current += 1;
    };
    // The key stands for category and location.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, settled]);

  // Matches for an earlier choice vanish at once, without waiting for the next reply.
  return found.key === key ? found.items : [];
}
