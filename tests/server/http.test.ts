import { describe, expect, it } from 'vitest';
import * as contracts from '../../shared/contracts';
import type { RouteContract } from '../../shared/contracts/route';
import { useTestApp } from '../helpers/app';
import { wechatUser } from '../helpers/fixtures';

const t = useTestApp({ config: { BODY_LIMIT_KB: 4, CORS_ORIGINS: ['https://admin.example.cn'] } });

describe('HTTP edge', () => {
  it('GET /api/health checks the database', async () => {
    const res = await t.app.call('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'ok', engine: t.app.database.engine });
  });

  it('a malformed JSON body is a 400 MALFORMED_JSON with a Chinese message and no internals', async () => {
    const res = await t.app.call('POST', '/api/auth/wechat', { raw: '{"code": ' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('MALFORMED_JSON');
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(JSON.stringify(res.body)).not.toMatch(/SyntaxError|at .*\.ts|node_modules/);
  });

  it('an oversized body is a 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await t.app.call('POST', '/api/auth/wechat', { body: { code: 'x'.repeat(8 * 1024) } });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a body that breaks the contract is a 400 VALIDATION_FAILED naming the field', async () => {
    const res = await t.app.call('POST', '/api/auth/password', { body: { username: '', password: 'x' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ in: 'body', path: 'username' })]),
    );
  });

  it('a non-numeric id in the path is a 400, not a 500', async () => {
    const res = await t.app.call('GET', '/api/committees/abc');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('an unknown API path is a JSON 404', async () => {
    const res = await t.app.call('GET', '/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('sets security headers and a request id on every reply', async () => {
    const res = await t.app.call('GET', '/api/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('allows CORS only for configured origins', async () => {
    const ok = await t.app.call('OPTIONS', '/api/me', {
      headers: { origin: 'https://admin.example.cn', 'access-control-request-method': 'GET' },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://admin.example.cn');
    const other = await t.app.call('GET', '/api/health', { headers: { origin: 'https://evil.example.com' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('a request that fails validation writes nothing', async () => {
    const { token } = await wechatUser(t.app);
    const before = await t.app.database.sql`select count(*)::int as n from memberships`;
    const res = await t.app.call('POST', '/api/committees/1/join', { token, body: { householdId: 1, realName: '' } });
    expect(res.status).toBe(400);
    const after = await t.app.database.sql`select count(*)::int as n from memberships`;
    expect(after[0].n).toBe(before[0].n);
  });
});

describe('GET /api/openapi.json', () => {
  it('documents every contract in shared/contracts, and every mounted route', async () => {
    const res = await t.app.call('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries(res.body.paths as Record<string, object>)) {
      for (const method of Object.keys(ops)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    const declared = (Object.values(contracts) as unknown[])
      .filter((m): m is Record<string, unknown> => typeof m === 'object' && m !== null)
      .flatMap((m) => Object.values(m))
      .filter((v): v is RouteContract => typeof v === 'object' && v !== null && 'method' in v && 'path' in v);
    expect(declared.length).toBeGreaterThan(30);
    for (const route of [...declared, ...t.app.routes]) {
      expect(documented).toContain(`${route.method} ${route.path.replace(/:([A-Za-z]+)/g, '{$1}')}`);
    }
    expect(t.app.routes.length).toBe(declared.length);
  });
});
