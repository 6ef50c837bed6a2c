import type { ReactNode } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { errorText, isOffline } from '../lib/errors';
import './StaffState.scss';

interface Props {
  loading: boolean;
  error: unknown;
  empty: boolean;
  emptyText: string;
  onRetry: () => void;
  /** Content is kept while a reload runs, so a refresh does not blank the screen. */
  hasData: boolean;
  children: ReactNode;
}

/** Loading, error-with-retry, offline and empty for a staff list. */
export function StaffState({ loading, error, empty, emptyText, onRetry, hasData, children }: Props) {
  if (error && !hasData) {
    return (
      <View className='staff-state' role='alert'>
        <Text className='staff-state__text'>{isOffline(error) ? '网络不给力，请检查网络' : errorText(error)}</Text>
        <Button className='staff-btn staff-btn--primary' size='mini' onClick={onRetry}>
          重试
        </Button>
      </View>
    );
  }
  if (loading && !hasData) {
    return (
      <View className='staff-state'>
        <Text className='staff-state__text'>加载中…</Text>
      </View>
    );
  }
  if (empty) {
    return (
      <View className='staff-state'>
        <Text className='staff-state__text'>{emptyText}</Text>
      </View>
    );
  }
  return <>{children}</>;
}
