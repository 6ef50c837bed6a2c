import { useCallback, useEffect, useRef, useState } from 'react';

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

/** Cursor pagination for lists: first page on mount, `more` on reaching the bottom, `refresh` on pull. */
export function usePaged<T>(load: (cursor?: string) => Promise<Page<T>>, deps: unknown[] = []) {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const loadRef = useRef(load);
  loadRef.current = load;
  const busy = useRef(false);

  const refresh = useCallback(async () => {
    busy.current = true;
    setLoading(true);
    setError(undefined);
    try {
      const page = await loadRef.current(undefined);
      setItems(page.items ?? []);
      setCursor(page.nextCursor ?? null);
    } catch (err) {
      setError(err);
    } finally {
      busy.current = false;
      setLoading(false);
    }
  }, []);

  const more = useCallback(async () => {
    if (busy.current || !cursor) return;
    busy.current = true;
    setLoading(true);
    try {
      const page = await loadRef.current(cursor);
      setItems((prev) => [...prev, ...(page.items ?? [])]);
      setCursor(page.nextCursor ?? null);
    } catch (err) {
      setError(err);
    } finally {
      busy.current = false;
      setLoading(false);
    }
  }, [cursor]);

  useEffect(() => {
    void refresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  return { items, loading, error, refresh, more, hasMore: !!cursor };
}
