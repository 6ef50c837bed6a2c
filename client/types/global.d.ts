/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.scss';
declare module '*.css';

/** Injected at build time by config/index.ts `defineConstants`. */
declare const API_BASE: string;
declare const CLOUD_ENV: string;

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'rn' | 'harmony';
  }
}
declare const SUBSCRIBE_TEMPLATES: Record<string, string>;

/** Taro's React components for h5, imported one by one (client/src/components/h5/ViewText.tsx); typed there. */
declare module '@tarojs/components-react/dist/components/*' {
  const component: unknown;
  export default component;
}
