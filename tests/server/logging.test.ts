import { describe, expect, it } from 'vitest';
import { createLogger, REDACTED } from '../../server/core/logger';
import { useTestApp } from '../helpers/app';
import { STAFF_PASSWORD, staff, wechatUser } from '../helpers/fixtures';

// biome-ignore lint/suspicious/noExplicitAny: log records are asserted field by field
type LogRecord = Record<string, any>;

function collect(level: Parameters<typeof createLogger>[0] = 'debug') {
  const lines: string[] = [];
  const logger = createLogger(level, (line) => lines.push(line));
  return { logger, lines, records: () => lines.map((l) => JSON.parse(l) as LogRecord) };
}

const SECRETS = {
  bearer: 'Bearer abcdefghijklmnopqrstuvwxyz0123456789',
  token: 'tok_1234567890abcdef',
  password: 'correct horse battery',
  sessionKey: 'c2Vzc2lvbi1rZXktZnJvbS13ZWNoYXQ=',
  code: '081AbCdEfGhIjKlMnOpQrStUv',
  realName: '王秀英',
  phone: '13800138000',
};

describe('the logger', () => {
  it('writes one JSON object per line with level, time, msg and the fields', () => {
    const { logger, lines, records } = collect('info');
    logger.info('listening', { port: 3000, engine: 'pglite' });
    expect(lines).toHaveLength(1);
    expect(lines[0].endsWith('\n')).toBe(true);
    const [record] = records();
    expect(record).toMatchObject({ level: 'info', msg: 'listening', port: 3000, engine: 'pglite' });
    expect(Date.parse(String(record.time))).not.toBeNaN();
  });

  it('leaves out tokens, passwords, WeChat codes and session keys, names and phones, at any depth', () => {
    const { logger, lines, records } = collect();
    logger.warn('something to look at', {
      headers: { authorization: SECRETS.bearer, 'user-agent': 'Mozilla/5.0' },
      body: { username: 'wutong', password: SECRETS.password, code: SECRETS.code },
      wechat: { reply: { openid: 'o-abc', session_key: SECRETS.sessionKey } },
      user: { sessionKey: SECRETS.sessionKey, token: SECRETS.token },
      people: [
        { realName: SECRETS.realName, phone: SECRETS.phone },
        { real_name: SECRETS.realName, nested: { deeper: { Phone: SECRETS.phone } } },
      ],
    });
    const text = lines.join('');
    for (const [what, secret] of Object.entries(SECRETS)) expect(text, what).not.toContain(secret);
    const [record] = records();
    expect(record.headers).toEqual({ authorization: REDACTED, 'user-agent': 'Mozilla/5.0' });
    expect(record.body).toEqual({ username: 'wutong', password: REDACTED, code: REDACTED });
    expect(record.wechat.reply).toEqual({ openid: 'o-abc', session_key: REDACTED });
    expect(record.people[0]).toEqual({ realName: REDACTED, phone: REDACTED });
    expect(record.people[1].nested.deeper.Phone).toBe(REDACTED);
  });

  it('logs an error with its type, message and stack, and redacts what it carries', () => {
    const { logger, lines, records } = collect();
    const error = Object.assign(new Error('insert failed'), {
      code: '23505',
      params: { phone: SECRETS.phone, community: 3 },
    });
    logger.error('request failed', { err: error });
    expect(lines.join('')).not.toContain(SECRETS.phone);
    const [record] = records();
    expect(record.err).toMatchObject({ type: 'Error', message: 'insert failed', code: '23505' });
    expect(record.err.stack).toContain('insert failed');
    expect(record.err.params).toEqual({ phone: REDACTED, community: 3 });
  });

  it('survives a cycle in a logged object', () => {
    const { logger, records } = collect();
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    logger.info('cyclic', { a });
    expect(records()[0].a.self).toBe('[circular]');
  });

  it('honours the level: warn drops info and debug; silent writes nothing', () => {
    const warn = collect('warn');
    warn.logger.debug('d');
    warn.logger.info('i');
    warn.logger.warn('w');
    warn.logger.error('e');
    expect(warn.records().map((r) => r.level)).toEqual(['warn', 'error']);
    const silent = collect('silent');
    silent.logger.error('e');
    expect(silent.lines).toEqual([]);
  });
});

const log = collect('info');
const t = useTestApp({ deps: { logger: log.logger } });

describe('request logs', () => {
  it('carry the request id, route, status, time taken and user, and no credentials', async () => {
    const s = await staff(t.app, {});
    const u = await wechatUser(t.app);
    log.lines.length = 0;
    const signIn = await t.app.call('POST', '/api/auth/password', {
      body: { username: s.username, password: STAFF_PASSWORD },
    });
    expect(signIn.status).toBe(200);
    const me = await t.app.call('GET', '/api/me', { token: u.token, headers: { 'x-request-id': 'test-request-0001' } });
    expect(me.status).toBe(200);

    const requests = log.records().filter((r) => r.msg === 'request');
    expect(requests).toHaveLength(2);
    expect(requests[1]).toMatchObject({
      level: 'info',
      requestId: 'test-request-0001',
      method: 'GET',
      route: '/api/me',
      status: 200,
      userId: u.userId,
    });
    expect(typeof requests[1].ms).toBe('number');
    expect(requests[0]).toMatchObject({ route: '/api/auth/password', status: 200 });
    const text = log.lines.join('');
    for (const secret of [u.token, signIn.body.token, STAFF_PASSWORD]) expect(text).not.toContain(secret);
  });
});
