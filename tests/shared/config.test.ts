import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, defaultConfig, loadConfig } from '../../server/config';

const KEY = randomBytes(32).toString('base64');

/** The message loadConfig throws for this environment. */
function failure(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected loadConfig to refuse this environment');
}

describe('loadConfig', () => {
  it('an empty environment gives the development defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      NODE_ENV: 'development',
      HOST: '0.0.0.0',
      PORT: 3000,
      DATABASE_POOL_MAX: 10,
      DATA_DIR: './data',
      WECHAT_API_BASE: 'https://api.weixin.qq.com',
      CORS_ORIGINS: [],
      SESSION_TTL_HOURS: 720,
      BODY_LIMIT_KB: 64,
      SIGNIN_LIMIT_PER_IP: 30,
      SIGNIN_LIMIT_PER_OPENID: 10,
      PASSWORD_MAX_FAILURES: 5,
      PASSWORD_LOCK_MINUTES: 15,
      SERVE_H5: true,
      TRUST_PROXY: false,
      LOG_LEVEL: 'info',
    });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.FIELD_ENCRYPTION_KEY).toBeUndefined();
    expect(c.WECHAT_APPID).toBeUndefined();
    expect(c.SEED_DEMO).toBeUndefined();
  });

  it('reads numbers and booleans from their text', () => {
    const c = loadConfig({
      PORT: '8080',
      TRUST_PROXY: 'yes',
      SERVE_H5: '0',
      SEED_DEMO: 'true',
      SESSION_TTL_HOURS: '48',
    });
    expect(c.PORT).toBe(8080);
    expect(c.TRUST_PROXY).toBe(true);
    expect(c.SERVE_H5).toBe(false);
    expect(c.SEED_DEMO).toBe(true);
    expect(c.SESSION_TTL_HOURS).toBe(48);
  });

  it('treats an empty variable as unset', () => {
    const c = loadConfig({ PORT: '', WECHAT_APPID: '', WECHAT_SECRET: '', DATABASE_URL: undefined });
    expect(c.PORT).toBe(3000);
    expect(c.WECHAT_APPID).toBeUndefined();
  });

  it.each(['abc', '70000', '-1', '80.5'])('a bad PORT (%s) is refused with a message naming PORT', (port) => {
    const message = failure({ PORT: port });
    expect(message).toMatch(/^\s*PORT: /m);
    expect(message).not.toMatch(/^\s*(HOST|DATABASE_URL):/m);
  });

  it('a non-postgres DATABASE_URL is refused, naming it', () => {
    expect(failure({ DATABASE_URL: 'mysql://root@localhost/db' })).toMatch(/DATABASE_URL: must be a postgres:\/\/ URL/);
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@h:5432/d' }).DATABASE_URL).toBe('postgresql://u@h:5432/d');
  });

  it.each([
    ['16 bytes', randomBytes(16).toString('base64')],
    ['33 bytes', randomBytes(33).toString('base64')],
    ['not base64', 'this is not a key'],
  ])('a FIELD_ENCRYPTION_KEY of %s is refused, naming it', (_label, key) => {
    expect(failure({ FIELD_ENCRYPTION_KEY: key })).toMatch(/FIELD_ENCRYPTION_KEY: must be base64 of exactly 32 bytes/);
  });

  it('accepts a FIELD_ENCRYPTION_KEY of 32 bytes', () => {
    expect(loadConfig({ FIELD_ENCRYPTION_KEY: KEY }).FIELD_ENCRYPTION_KEY).toBe(KEY);
  });

  it('WECHAT_APPID without WECHAT_SECRET (or the reverse) is refused', () => {
    expect(failure({ WECHAT_APPID: 'wx123' })).toMatch(/WECHAT_SECRET: WECHAT_APPID and WECHAT_SECRET go together/);
    expect(failure({ WECHAT_SECRET: 's3cret' })).toMatch(/WECHAT_APPID and WECHAT_SECRET go together/);
    const c = loadConfig({ WECHAT_APPID: 'wx123', WECHAT_SECRET: 's3cret' });
    expect(c.WECHAT_APPID).toBe('wx123');
  });

  it('the message does not echo a secret value back', () => {
    const message = failure({ WECHAT_SECRET: 'very-secret-value', FIELD_ENCRYPTION_KEY: 'short-secret-key' });
    expect(message).not.toContain('very-secret-value');
    expect(message).not.toContain('short-secret-key');
  });

  it('production requires WECHAT_APPID and FIELD_ENCRYPTION_KEY, and lists every problem at once', () => {
    const message = failure({ NODE_ENV: 'production' });
    expect(message).toMatch(/WECHAT_APPID: required in production/);
    expect(message).toMatch(/FIELD_ENCRYPTION_KEY: required in production/);
    const c = loadConfig({
      NODE_ENV: 'production',
      WECHAT_APPID: 'wx1',
      WECHAT_SECRET: 's',
      FIELD_ENCRYPTION_KEY: KEY,
    });
    expect(c.NODE_ENV).toBe('production');
  });

  it('parses CORS_ORIGINS as a comma-separated list of URLs, ignoring blanks and spaces', () => {
    const c = loadConfig({ CORS_ORIGINS: ' https://admin.example.cn , http://localhost:10086,, ' });
    expect(c.CORS_ORIGINS).toEqual(['https://admin.example.cn', 'http://localhost:10086']);
    expect(loadConfig({ CORS_ORIGINS: ' , ' }).CORS_ORIGINS).toEqual([]);
  });

  it('a CORS_ORIGINS entry that is not a URL is refused, naming CORS_ORIGINS', () => {
    expect(failure({ CORS_ORIGINS: 'https://admin.example.cn,admin.example.cn' })).toMatch(/CORS_ORIGINS/);
  });

  it('an unknown NODE_ENV or LOG_LEVEL is refused, naming it', () => {
    expect(failure({ NODE_ENV: 'staging' })).toMatch(/NODE_ENV/);
    expect(failure({ LOG_LEVEL: 'verbose' })).toMatch(/LOG_LEVEL/);
    expect(failure({ TRUST_PROXY: 'maybe' })).toMatch(/TRUST_PROXY/);
  });
});

describe('defaultConfig', () => {
  it('starts from test defaults and applies overrides', () => {
    const c = defaultConfig({ PASSWORD_MAX_FAILURES: 3 });
    expect(c.NODE_ENV).toBe('test');
    expect(c.PASSWORD_MAX_FAILURES).toBe(3);
    expect(c.PORT).toBe(3000);
  });
});
