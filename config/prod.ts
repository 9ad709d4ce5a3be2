import type { UserConfigExport } from '@tarojs/cli';
import { MinifyWxmlPlugin } from './minify-wxml';

export default {
  mini: {
    // Keep the main package small: no source maps in the shipped bundle.
    enableSourceMap: false,
    // WXML without the whitespace between tags (not Taro's minifyXML: see minify-wxml.ts); WXSS
    // goes through csso (Taro's production default, stated here).
    webpackChain(chain) {
      chain.plugin('minify-wxml').use(MinifyWxmlPlugin);
    },
  },
  cssMinimizer: 'csso',
  csso: { enable: true },
  terser: { enable: true },
  h5: {
    enableSourceMap: false,
  },
} satisfies UserConfigExport<'webpack5'>;
