import type { ReactNode } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { isOffline, messageOf } from '../services/errors';
import { isPausedHere } from '../services/session';
import { MediaRefresh } from './mediaRefresh';

export interface PageStateProps {
  loading?: boolean;
  error?: unknown;
  /** True when loaded and there is nothing to show. */
  empty?: boolean;
  emptyText?: string;
  /** Shown under the empty text: the next thing a person can do. */
  emptyAction?: ReactNode;
  onRetry?: () => void;
  children?: ReactNode;
}

/**
 * The four states every screen has: loading, error (offline gets its own wording and
 * always a retry; a paused member's refusal only a quiet line under the page's banner), empty, or the content. Content stays visible while reloading; a screen that draws
 * nothing before its first answer (`{data && …}`) shows the spinner meanwhile. `onRetry` is also how a photo or a
 * voice note on the content whose link failed (expired while the screen stayed open) gets a fresh one (MediaRefresh).
 */
export function PageState({ loading, error, empty, emptyText = '暂无内容', emptyAction, onRetry, children }: PageStateProps) {
  if (error && isPausedHere(error)) {
    // Paused by the community: the banner above (PausedBanner) says why and whom to ask; here only that nothing shows.
    return (
      <View className="state state--paused">
        <Text className="state__text">暂停服务期间，这里的内容暂不显示</Text>
      </View>
    );
  }
  if (error) {
    const offline = isOffline(error);
    return (
      <View className={`state state--${offline ? 'offline' : 'error'}`} role="alert">
        <Text className="state__icon">{offline ? '⚡' : '!'}</Text>
        <Text className="state__title">{offline ? '网络连接失败' : '加载失败'}</Text>
        <Text className="state__text">{messageOf(error)}</Text>
        {onRetry && (
          <Button className="btn btn--primary btn--small" onClick={onRetry}>
            重试
          </Button>
        )}
      </View>
    );
  }
  if (loading && (empty || children === undefined || children === false)) {
    return (
      <View className="state state--loading" aria-busy="true">
        <View className="spinner" />
        <Text className="state__text">加载中…</Text>
      </View>
    );
  }
  if (empty) {
    return (
      <View className="state state--empty">
        <Text className="state__text">{emptyText}</Text>
        {emptyAction}
      </View>
    );
  }
  return onRetry ? <MediaRefresh reload={onRetry}>{children}</MediaRefresh> : <>{children}</>;
}
