import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { useElderMode } from '../services/elder';
import { WithPausedBanner } from './PausedBanner';

/** Page root: carries the elder-mode class so CSS variables switch type size and contrast, and says so first when the person is paused. */
export function Screen({ children, className = '' }: { children: ReactNode; className?: string }) {
  const [elder] = useElderMode();
  return (
    <View className={`screen${elder ? ' elder' : ''} ${className}`.trim()}>
      <WithPausedBanner>{children}</WithPausedBanner>
    </View>
  );
}
