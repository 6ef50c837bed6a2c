import { createContext, useCallback, useContext, useRef, type ReactNode } from 'react';

/**
 * Photos and voice notes come as URLs that work for about an hour (server/fileUrls.ts): a screen left open longer,
 * or one a tag fails on, asks its reply again for fresh ones. The page that loaded the wish provides how (its
 * reload); a photo or a player that fails calls it.
 */
const Refresh = createContext<(() => unknown) | undefined>(undefined);

/** The screen's way to fetch its media URLs afresh (`reload` of the reply that gave them). */
export function MediaRefresh({ reload, children }: { reload: () => unknown; children: ReactNode }) {
  return <Refresh.Provider value={reload}>{children}</Refresh.Provider>;
}

/**
 * What a photo or a player calls when its URL fails. Once per URL: a fresh reply gives a fresh URL (expiry moves in
 * quarter hours), so a file that is gone (not expired) is asked about once, not in a loop.
 */
export function useMediaFailed(): (src: string) => void {
  const reload = useContext(Refresh);
  const asked = useRef(new Set<string>());
  return useCallback(
    (src: string) => {
      if (!reload || asked.current.has(src)) return;
      asked.current.add(src);
      void reload();
    },
    [reload],
  );
}
