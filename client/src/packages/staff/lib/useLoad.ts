import { useCallback, useEffect, useRef, useState } from 'react';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => Promise<void>;
  /** Local edits (optimistic removals) without a round trip. */
  setData: (update: (prev: T | undefined) => T | undefined) => void;
}

/**
 * Loads on mount and whenever `deps` change; a late reply from an earlier load never
 * overwrites a newer one (filters change faster than the network answers).
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    const ticket = ++latest.current;
    setLoading(true);
    setError(null);
    try {
      const next = await loadRef.current();
      if (ticket === latest.current) setDataState(next);
    } catch (err) {
      if (ticket === latest.current) setError(err);
    } finally {
      if (ticket === latest.current) setLoading(false);
    }
  }, []);

  // `deps` are the caller's filters: a change means a fresh load.
  useEffect(() => {
    void reload();
  }, deps);

  const setData = useCallback((update: (prev: T | undefined) => T | undefined) => setDataState(update), []);
  return { data, error, loading, reload, setData };
}
