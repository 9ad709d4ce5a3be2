/**
 * Build-time rules for a WeChat build that goes to review (NODE_ENV=production): WeChat only talks
 * to whitelisted https domains, and a tourist appid cannot be uploaded. Pure functions of the
 * environment, so tests call them directly instead of running a build.
 */
export interface BuildEnv {
  TARO_ENV?: string;
  NODE_ENV?: string;
  TARO_APP_API?: string;
  TARO_APP_ID?: string;
  TARO_APP_APPID?: string;
  /** Only for the local test build (tests/weapp), which rewrites the origin to its own server. */
  TARO_APP_ALLOW_HTTP_API?: string;
}

/** Where the local development server listens: the default for a development weapp build. */
export const LOCAL_API = 'http://127.0.0.1:3000';

export class BuildConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BuildConfigError';
  }
}

const isReleaseWeapp = (env: BuildEnv) => (env.TARO_ENV ?? 'weapp') === 'weapp' && env.NODE_ENV === 'production';
const allowsHttp = (env: BuildEnv) => env.TARO_APP_ALLOW_HTTP_API === '1';

/**
 * The API base baked into the build. H5 is served by our own server on the same origin ('');
 * WeChat has no origin: TARO_APP_API, else the local server for development. A production weapp
 * build refuses anything but an https URL.
 */
export function resolveApiBase(env: BuildEnv): string {
  const taroEnv = env.TARO_ENV ?? 'weapp';
  const base = env.TARO_APP_API ?? (taroEnv === 'h5' ? '' : LOCAL_API);
  if (isReleaseWeapp(env) && !allowsHttp(env) && !/^https:\/\/[^/\s]+/i.test(base)) {
    throw new BuildConfigError(
      `A production WeChat build needs an https API: TARO_APP_API is ${env.TARO_APP_API ? `"${base}"` : `unset (would be ${base})`}. ` +
        'WeChat only connects to whitelisted https domains. Build with TARO_APP_API=https://your-server NODE_ENV=production npm run build:weapp',
    );
  }
  return base;
}

/**
 * The appid Taro writes into dist/weapp/project.config.json (it reads TARO_APP_ID; we accept
 * TARO_APP_APPID as well). A production weapp build refuses to go without a real one.
 */
export function resolveAppid(env: BuildEnv): string | null {
  const appid = env.TARO_APP_ID || env.TARO_APP_APPID || null;
  if (isReleaseWeapp(env) && !allowsHttp(env) && !(appid && /^wx[0-9a-f]{16}$/i.test(appid))) {
    throw new BuildConfigError(
      `A production WeChat build needs the mini-program's appid: set TARO_APP_APPID=wx… (got ${appid ? `"${appid}"` : 'nothing'}).`,
    );
  }
  return appid;
}
