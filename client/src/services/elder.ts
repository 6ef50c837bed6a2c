import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';

/** Elder mode (长辈模式): large type, high contrast, fewer steps. Remembered per device. */
const ELDER_KEY = 'xy.elder';
const listeners = new Set<(on: boolean) => void>();

export function isElderMode(): boolean {
  return Taro.getStorageSync(ELDER_KEY) === '1';
}

export function setElderMode(on: boolean): void {
  Taro.setStorageSync(ELDER_KEY, on ? '1' : '0');
  for (const l of listeners) l(on);
}

export function useElderMode(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(isElderMode);
  useEffect(() => {
    listeners.add(setOn);
    return () => {
      listeners.delete(setOn);
    };
  }, []);
  return [on, setElderMode];
}
