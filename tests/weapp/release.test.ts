/**
 * What a WeChat build for review must be: checked on the production build of this run (global-setup)
 * and on the build-time rules in config/release.ts, called directly (a refused build never starts).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { collapseWxmlWhitespace } from '../../config/minify-wxml';
import { BuildConfigError, LOCAL_API, resolveApiBase, resolveAppid } from '../../config/release';

const dir = () => inject('weappDir');
const json = (file: string) => JSON.parse(readFileSync(path.join(dir(), file), 'utf8'));

describe('the production WeChat build', () => {
  it('loads only the components a page needs (lazyCodeLoading) and names its sitemap', () => {
    const app = json('app.json');
    expect(app.lazyCodeLoading).toBe('requiredComponents');
    expect(app.sitemapLocation).toBe('sitemap.json');
    expect(existsSync(path.join(dir(), 'sitemap.json'))).toBe(true);
  });

  it('keeps every admin page (and 我的资料) out of WeChat search, and allows the rest', () => {
    const app = json('app.json') as { subPackages: { root: string; pages: string[] }[] };
    const rules = json('sitemap.json').rules as { action: string; page: string }[];
    const disallowed = rules.filter((r) => r.action === 'disallow').map((r) => r.page);
    const admin = app.subPackages.find((p) => p.root === 'packages/admin');
    expect(admin?.pages.length).toBeGreaterThan(0);
    for (const page of admin?.pages ?? []) expect(disallowed).toContain(`packages/admin/${page}`);
    expect(disallowed).toContain('packages/legal/my-data/index');
    // The catch-all comes last: WeChat applies the first rule that matches.
    expect(rules[rules.length - 1]).toEqual({ action: 'allow', page: '*' });
  });

  it('minifies WXML: no line breaks between tags', () => {
    const wxml = readFileSync(path.join(dir(), 'base.wxml'), 'utf8');
    expect(wxml.length).toBeGreaterThan(0);
    expect(wxml).not.toMatch(/>\s*\n\s*</);
  });

  it('minifies WXSS: the app stylesheet has no indentation', () => {
    const wxss = readFileSync(path.join(dir(), 'app.wxss'), 'utf8');
    expect(wxss).not.toMatch(/\n {2}/);
  });

  it('lets 分享到朋友圈 on the committee card', () => {
    expect(json('packages/committee/card/index.json').enableShareTimeline).not.toBe(false);
  });
});

describe('config/release.ts: a build for review refuses what WeChat would refuse', () => {
  const release = { TARO_ENV: 'weapp', NODE_ENV: 'production', TARO_APP_APPID: 'wx0123456789abcdef' };

  it('refuses a production weapp build with an http API or none, saying what to set', () => {
    expect(() => resolveApiBase({ ...release, TARO_APP_API: 'http://api.example.cn' })).toThrow(BuildConfigError);
    expect(() => resolveApiBase({ ...release, TARO_APP_API: 'http://api.example.cn' })).toThrow(
      /needs an https API.*TARO_APP_API=https:\/\//,
    );
    expect(() => resolveApiBase(release)).toThrow(/unset \(would be http:\/\/127\.0\.0\.1:3000\)/);
  });

  it('accepts https in production, and http in development or for H5', () => {
    expect(resolveApiBase({ ...release, TARO_APP_API: 'https://api.example.cn' })).toBe('https://api.example.cn');
    expect(resolveApiBase({ TARO_ENV: 'weapp', NODE_ENV: 'development' })).toBe(LOCAL_API);
    expect(resolveApiBase({ TARO_ENV: 'h5', NODE_ENV: 'production' })).toBe('');
  });

  it('takes the appid from the environment and refuses a production build without a real one', () => {
    const api = { TARO_APP_API: 'https://api.example.cn' };
    expect(resolveAppid({ ...release, ...api })).toBe('wx0123456789abcdef');
    expect(resolveAppid({ ...release, ...api, TARO_APP_APPID: undefined, TARO_APP_ID: 'wxfedcba9876543210' })).toBe(
      'wxfedcba9876543210',
    );
    expect(() => resolveAppid({ TARO_ENV: 'weapp', NODE_ENV: 'production' })).toThrow(/TARO_APP_APPID=wx/);
    expect(() => resolveAppid({ ...release, TARO_APP_APPID: 'touristappid' })).toThrow(BuildConfigError);
    expect(resolveAppid({ TARO_ENV: 'weapp', NODE_ENV: 'development' })).toBeNull();
  });

  it('the local test build (tests/weapp) may say so explicitly, and only it', () => {
    expect(resolveApiBase({ TARO_ENV: 'weapp', NODE_ENV: 'production', TARO_APP_ALLOW_HTTP_API: '1' })).toBe(LOCAL_API);
  });
});

describe('the build config itself (config/index.ts), as `taro build` loads it', () => {
  it('stops a production weapp build with an http API base, before anything is built', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      NODE_ENV: 'production',
      TARO_ENV: 'weapp',
      TARO_APP_API: 'http://api.example.cn',
      TARO_APP_APPID: 'wx0123456789abcdef',
    });
    delete process.env.TARO_APP_ALLOW_HTTP_API;
    try {
      const { default: config } = await import('../../config/index');
      const merge = (...parts: object[]) => Object.assign({}, ...parts);
      await expect((config as unknown as (m: typeof merge) => Promise<unknown>)(merge)).rejects.toThrow(
        /needs an https API/,
      );
      process.env.TARO_APP_API = 'https://api.example.cn';
      const built = (await (config as unknown as (m: typeof merge) => Promise<{ defineConstants: object }>)(merge)) as {
        defineConstants: { API_BASE: string };
      };
      expect(built.defineConstants.API_BASE).toBe(JSON.stringify('https://api.example.cn'));
    } finally {
      process.env = saved;
    }
  });
});

describe('WXML minification', () => {
  it('drops whitespace between tags and keeps every end tag (WeChat refuses <input> without one)', () => {
    const source =
      '<template name="a">\n  <view class="x">\n    <input value="{{i.v}}"></input>\n  </view>\n</template>\n';
    expect(collapseWxmlWhitespace(source)).toBe(
      '<template name="a"><view class="x"><input value="{{i.v}}"></input></view></template>',
    );
    // Bound text and attribute values are left alone.
    expect(collapseWxmlWhitespace('<text>{{i.v}} 元</text>')).toBe('<text>{{i.v}} 元</text>');
  });
});
