import { useEffect, useState } from 'react';
import { afterPaint } from '../services/afterPaint';

/**
 * False for a long form's first draw in h5, true a task after it is on screen (afterPaint): the form draws the parts
 * below the fold on a phone then. One draw of the whole form was one long task on a slow phone (issue 16,
 * Lighthouse's TBT), two halves are not; what is added is below what is shown, so nothing on screen moves. The
 * mini-program (drawn by WeChat, not by this thread) draws it all at once.
 */
export function useBelowFold(): boolean {
  const [below, setBelow] = useState(process.env.TARO_ENV !== 'h5');
  useEffect(() => {
    if (below) return undefined;
    let alive = true;
    void afterPaint().then(() => alive && setBelow(true));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return below;
}
