import Taro from '@tarojs/taro';

/** Build-time constants, read defensively so tests (where they are undefined) still run. */
export const apiBase: string = typeof API_BASE === 'string' ? API_BASE : '';
export const cloudEnv: string = typeof CLOUD_ENV === 'string' ? CLOUD_ENV : '';

export const isWeapp = process.env.TARO_ENV === 'weapp';
export const isH5 = process.env.TARO_ENV === 'h5';

/** WeChat cloud only when built for weapp with a cloud env id; otherwise HTTP to server/. */
export function usesCloud(): boolean {
  return isWeapp && cloudEnv !== '' && typeof Taro.cloud?.callFunction === 'function';
}

let cloudReady = false;
export function initCloud(): void {
  if (cloudReady || !usesCloud()) return;
  Taro.cloud.init({ env: cloudEnv, traceUser: true });
  cloudReady = true;
}
