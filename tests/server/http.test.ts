import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as contracts from '../../shared/contracts';
import type { RouteContract } from '../../shared/contracts/route';
import { type ErrorCode, errorCatalog } from '../../shared/errors';
import { useTestApp } from '../helpers/app';
import { wechatUser } from '../helpers/fixtures';
import { rawExchange, rawRequest } from '../helpers/raw-http';

const t = useTestApp({ config: { BODY_LIMIT_KB: 4, CORS_ORIGINS: ['https://admin.example.cn'] } });

describe('HTTP edge', () => {
  it('GET /api/health checks the database', async () => {
    const res = await t.app.call('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'ok', engine: t.app.database.engine, demo: false });
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

  it('sets the data headers on every API reply (pages get the rest: static.test.ts)', async () => {
    const res = await t.app.call('GET', '/api/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // Nothing may load or frame an API reply; frame-ancestors does what X-Frame-Options did.
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('gives the request id back on an error, and to a caller that sent its own', async () => {
    const failed = await t.app.call('GET', '/api/me');
    expect(failed.status).toBe(401);
    expect(failed.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const plain = await t.app.call('GET', '/api/health');
    expect(plain.headers.get('x-request-id')).toBeNull();
    const own = await t.app.call('GET', '/api/health', { headers: { 'x-request-id': 'client-chosen-0001' } });
    expect(own.headers.get('x-request-id')).toBe('client-chosen-0001');
    // A malformed id is replaced, and then only an error carries the new one.
    const bad = await t.app.call('GET', '/api/nothing-here', { headers: { 'x-request-id': 'bad id!' } });
    expect(bad.status).toBe(404);
    expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
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

/** The one error shape: `{ error: { code, message } }` as JSON, the message in Chinese. */
function expectErrorShape(contentType: string | null | undefined, body: unknown, code: string) {
  expect(contentType).toMatch(/^application\/json/);
  expect(body).toEqual({ error: { code, message: errorCatalog[code as ErrorCode].message } });
  expect(errorCatalog[code as ErrorCode].message).toMatch(/[\u4e00-\u9fa5]/);
}

describe('every error reply has the error shape', () => {
  it('a method the route does not have is a JSON 405 METHOD_NOT_ALLOWED with an Allow header', async () => {
    const res = await t.app.call('DELETE', '/api/health');
    expect(res.status).toBe(405);
    expectErrorShape(res.headers.get('content-type'), res.body, 'METHOD_NOT_ALLOWED');
    expect(res.headers.get('allow')).toContain('GET');
  });

  it('a method the server does not know is a JSON 501 NOT_IMPLEMENTED', async () => {
    const res = await t.app.call('PROPFIND', '/api/health');
    expect(res.status).toBe(501);
    expectErrorShape(res.headers.get('content-type'), res.body, 'NOT_IMPLEMENTED');
  });

  it('a path that is not valid percent-encoding is a JSON error, never a 500', async () => {
    const param = await t.app.call('GET', '/api/committees/%E0%A4%A');
    expect(param.status).toBe(400);
    expect(param.body.error.code).toBe('VALIDATION_FAILED');
    const route = await t.app.call('GET', '/api/%ZZ');
    expect(route.status).toBe(404);
    expectErrorShape(route.headers.get('content-type'), route.body, 'NOT_FOUND');
    const page = await t.app.call('GET', '/%E0%A4%A');
    expect(page.status).toBe(404);
    expectErrorShape(page.headers.get('content-type'), page.body, 'NOT_FOUND');
  });

  it('a path outside /api with no H5 build served is a JSON 404, not plain text', async () => {
    const res = await t.app.call('GET', '/some/page');
    expect(res.status).toBe(404);
    expectErrorShape(res.headers.get('content-type'), res.body, 'NOT_FOUND');
  });

  it('a query string over the header limit is a JSON 431 HEADERS_TOO_LARGE, not an empty reply', async () => {
    const res = await t.app.call('GET', `/api/committees?q=${'长'.repeat(8 * 1024)}`);
    expect(res.status).toBe(431);
    expectErrorShape(res.headers.get('content-type'), res.body, 'HEADERS_TOO_LARGE');
  });

  it('headers over the limit are a JSON 431 too', async () => {
    const reply = await rawExchange(
      t.app.url,
      `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(20 * 1024)}\r\n\r\n`,
    );
    expect(reply.status).toBe(431);
    expectErrorShape(/content-type: ([^\r]+)/i.exec(reply.head)?.[1], JSON.parse(reply.body), 'HEADERS_TOO_LARGE');
    expect(reply.head).toMatch(/x-content-type-options: nosniff/i);
  });

  it('a request Node cannot parse is a JSON 400 BAD_REQUEST', async () => {
    const reply = await rawExchange(t.app.url, 'GET /api/health HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n');
    expect(reply.status).toBe(400);
    expectErrorShape(/content-type: ([^\r]+)/i.exec(reply.head)?.[1], JSON.parse(reply.body), 'BAD_REQUEST');
  });
});

describe('compression of API replies', () => {
  it.each(['gzip', 'br'] as const)(
    'a JSON reply over 1 KB is sent with %s when the client accepts it',
    async (encoding) => {
      const res = await rawRequest(t.app.url, '/api/openapi.json', { headers: { 'accept-encoding': encoding } });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      const plain = encoding === 'gzip' ? gunzipSync(res.body) : brotliDecompressSync(res.body);
      expect(JSON.parse(plain.toString('utf8')).openapi).toBe('3.1.0');
      expect(res.body.length).toBeLessThan(plain.length / 3);
    },
  );

  it('prefers br when both are accepted, and sends small replies and non-accepting clients as they are', async () => {
    const both = await rawRequest(t.app.url, '/api/openapi.json', {
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(both.headers['content-encoding']).toBe('br');
    const none = await rawRequest(t.app.url, '/api/openapi.json');
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(none.body.toString('utf8')).openapi).toBe('3.1.0');
    const small = await rawRequest(t.app.url, '/api/health', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString('utf8')).status).toBe('ok');
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
