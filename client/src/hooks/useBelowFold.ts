import { startTransition, useEffect, useState } from 'react';
import { afterPaint } from '../services/afterPaint';

/**
 * False for a long screen's first draw in h5, true a task after it is on screen (afterPaint): the screen draws the
 * parts below the fold on a phone then. One draw of the whole screen was one long task on a slow phone (issue 16,
 * Lighthouse's TBT), two halves are not; what is added is below what is shown, so nothing on screen moves. `ready`
 * holds it back until what the first screenful shows is there (统计看板: its reply), so the halves are two draws of
 * the data, not an empty frame and a full one. The mini-program (drawn by WeChat, not by this thread) draws it all
 * at once. The second draw is a transition, rendered in slices (useRemote says why).
 */
export function useBelowFold(ready = true): boolean {
  const [below, setBelow] = useState(process.env.TARO_ENV !== 'h5');
  useEffect(() => {
    if (below || !ready) return undefined;
    let alive = true;
    void afterPaint().then(() => alive && startTransition(() => setBelow(true)));
    return () => {
      alive = false;
    };
  }, [ready, below]);
  return below;
}
