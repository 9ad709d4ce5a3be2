import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';
import { resolveApiBase, resolveAppid } from './release';

// Build-time settings. Taro only reads TARO_APP_* from .env files by itself, so values coming from
// the real environment (CI, `TARO_APP_API=... taro build`) are passed through defineConstants here.
export default defineConfig<'webpack5'>(async (merge) => {
  const taroEnv = process.env.TARO_ENV ?? 'weapp';
  const root = path.resolve(__dirname, '..');

  // H5: same origin as /api (''). WeChat: TARO_APP_API, else the local dev server; a production
  // weapp build stops here unless the API is https and the appid is real (config/release.ts).
  const apiBase = resolveApiBase({ ...process.env, TARO_ENV: taroEnv });
  const appid = resolveAppid({ ...process.env, TARO_ENV: taroEnv });
  // Taro's own project.config.json generator reads TARO_APP_ID.
  if (appid && !process.env.TARO_APP_ID) process.env.TARO_APP_ID = appid;

  // Code under shared/ (zod contracts, pure domain rules) lives outside sourceRoot and must be
  // compiled by the same babel rule as the app.
  const compileInclude = [path.join(root, 'shared')];

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'shequyun',
    date: '2025-1-1',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'miniprogram',
    outputRoot: `dist/${taroEnv}`,
    plugins: [],
    defineConstants: {
      API_BASE: JSON.stringify(apiBase),
    },
    alias: {
      '@shared': path.join(root, 'shared'),
    },
    copy: {
      // The sitemap keeps the admin pages out of WeChat search (app.config.ts: sitemapLocation).
      patterns: taroEnv === 'weapp' ? [{ from: 'miniprogram/sitemap.json', to: `dist/${taroEnv}/sitemap.json` }] : [],
      options: {},
    },
    framework: 'react',
    compiler: {
      type: 'webpack5',
      // Prebundling needs a network-free esbuild pass that adds little for an app this size and
      // makes dev bundles large; keep the build simple and reproducible.
      prebundle: { enable: false },
    },
    cache: {
      enable: false,
    },
    mini: {
      compile: { include: compileInclude },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: compileInclude },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      // The H5 app is served from our own server on a LAN or intranet; webpack's web-performance
      // hints (244 KiB) only add noise to `npm start`.
      webpackChain(chain) {
        chain.performance.hints(false);
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        // The H5 root font size follows the screen's short side; cap it so that the admin view in
        // a desktop browser stays at a readable, not enormous, size.
        pxtransform: { enable: true, config: { minRootSize: 20, maxRootSize: 24 } },
        cssModules: { enable: false },
      },
    },
  };

  if (process.env.NODE_ENV === 'production') {
    return merge({}, baseConfig, prodConfig);
  }
  return merge({}, baseConfig, devConfig);
});
