import { startTransition, useCallback, useEffect, useRef, useState } from 'react';

export interface Remote<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => Promise<void>;
  /** Local edits (optimistic removals) without a round trip. */
  setData: (update: (prev: T | undefined) => T | undefined) => void;
}

/**
 * Loads on mount and whenever `deps` change; `reload` for retry and pull-to-refresh. A late
 * reply from an earlier load never overwrites a newer one (filters change faster than the
 * network answers), and nothing is set once the screen is gone.
 */
export function useRemote<T>(load: () => Promise<T>, deps: readonly unknown[] = []): Remote<T> {
  const [data, setDataState] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const alive = useRef(true);
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    const ticket = ++latest.current;
    const current = () => alive.current && ticket === latest.current;
    setLoading(true);
    setError(undefined);
    try {
      const value = await loadRef.current();
      // What arrived is drawn as a transition: React renders a long list in slices the browser can answer a tap
      // between, where one render of it was one long task on a slow phone (issue 16, TBT); shown all at once.
      if (current()) {
        startTransition(() => {
          setDataState(value);
          setLoading(false);
        });
      }
    } catch (err) {
      if (current()) {
        setError(err);
        setLoading(false);
      }
    }
  }, []);

  useEffect(() => {
    alive.current = true;
    void reload();
    return () => {
      alive.current = false;
    };
    // `deps` are the caller's inputs (an id, filters): a change means a fresh load.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  const setData = useCallback((update: (prev: T | undefined) => T | undefined) => setDataState(update), []);
  return { data, error, loading, reload, setData };
}
