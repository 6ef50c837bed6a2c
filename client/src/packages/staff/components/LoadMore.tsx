import { useState } from 'react';
import { Button, View } from '@tarojs/components';
import type { Remote } from '../../../hooks/useRemote';
import { errorText } from '../lib/errors';

/** A list the server reads in cursor pages (dispatch.queue, dispatch.board). */
export interface CursorPage<T> {
  items: T[];
  nextCursor?: string | null;
}

export interface Pager {
  hasMore: boolean;
  loading: boolean;
  more: () => Promise<void>;
}

/**
 * 加载更多 for a staff list: the next page is appended to what the list shows, leaving out rows already there (a wish
 * that moved while staff paged is not shown twice), and the rest of the page (the board's counts) is kept. A failure is
 * told through `onError` (the page's banner), the rows already shown staying.
 */
export function useLoadMore<P extends CursorPage<unknown>>(
  remote: Remote<P>,
  nextPage: (cursor: string) => Promise<P>,
  keyOf: (item: P['items'][number]) => string,
  onError: (text: string) => void,
): Pager {
  const [loading, setLoading] = useState(false);
  const cursor = remote.data?.nextCursor;
  const more = async () => {
    if (!cursor || loading) return;
    setLoading(true);
    try {
      const next = await nextPage(cursor);
      remote.setData((page) => {
        if (!page) return next;
        const known = new Set(page.items.map(keyOf));
        return { ...page, items: [...page.items, ...next.items.filter((item) => !known.has(keyOf(item)))], nextCursor: next.nextCursor };
      });
    } catch (err) {
      onError(`加载更多失败：${errorText(err)}`);
    } finally {
      setLoading(false);
    }
  };
  return { hasMore: !!cursor, loading, more };
}

/** The footer under a paged list: a button while there is more. */
export function LoadMore({ pager }: { pager: Pager }) {
  if (!pager.hasMore) return null;
  return (
    <View className='staff-more'>
      <Button className='staff-btn staff-btn--ghost' size='mini' aria-busy={pager.loading} onClick={() => void pager.more()}>
        加载更多
      </Button>
    </View>
  );
}
