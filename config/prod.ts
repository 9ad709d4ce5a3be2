import type { UserConfigExport } from '@tarojs/cli';

export default {
  mini: {
    // Keep the main package small: no source maps in the shipped bundle.
    enableSourceMap: false,
  },
  h5: {
    enableSourceMap: false,
  },
} satisfies UserConfigExport<'webpack5'>;
