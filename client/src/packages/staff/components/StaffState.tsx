import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { PageState } from '../../../components';
import { errorText } from '../lib/errors';

interface Props {
  loading: boolean;
  error: unknown;
  empty: boolean;
  emptyText: string;
  onRetry: () => void;
  /** Once something has loaded, a failed refresh keeps it on screen with a note above. */
  hasData: boolean;
  children: ReactNode;
}

/** The shared page states, plus: a failed refresh never blanks a list staff are working through. */
export function StaffState({ loading, error, empty, emptyText, onRetry, hasData, children }: Props) {
  if (error && hasData) {
    return (
      <>
        <View className='staff-banner staff-banner--error' role='alert' onClick={onRetry}>
          刷新失败：{errorText(error)}（点此重试）
        </View>
        {empty ? <PageState empty emptyText={emptyText} /> : children}
      </>
    );
  }
  return (
    <PageState
      loading={loading && !hasData}
      error={error || undefined}
      empty={empty || (loading && !hasData)}
      emptyText={emptyText}
      onRetry={onRetry}
    >
      {children}
    </PageState>
  );
}
