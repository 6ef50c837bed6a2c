import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { useElderMode } from '../services/elder';

/** Page root: carries the elder-mode class so CSS variables switch type size and contrast. */
export function Screen({ children, className = '' }: { children: ReactNode; className?: string }) {
  const [elder] = useElderMode();
  return <View className={`screen${elder ? ' elder' : ''} ${className}`.trim()}>{children}</View>;
}
