/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.css';

/** API base URL, fixed at build time from TARO_APP_API (see config/index.ts). */
declare const API_BASE: string;

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn';
  }
}
