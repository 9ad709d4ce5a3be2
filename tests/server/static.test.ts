import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIsCurrent } from '../../server/h5-build';
import { hashInlineScripts } from '../../server/http/static';
import { errorCatalog } from '../../shared/errors';
import { startTestApp, type TestApp } from '../helpers/app';
import { rawRequest } from '../helpers/raw-http';

/** A small H5 build: an index.html with one inline script, hashed bundles, a plain file. */
const INLINE = '\n  document.documentElement.style.fontSize = "20px";\n';
const INDEX = `<!doctype html><html><head><title>社区云</title><script>${INLINE}</script><script defer src="/js/app.0123abcd.js"></script><link href="/css/app.0123abcdef45.css" rel="stylesheet"></head><body><div id="app"></div></body></html>`;
const BUNDLE = `/* app */\n${Array.from({ length: 2000 }, (_, i) => `window.__n${i} = ${i};`).join('\n')}\n`;

let dir: string;
let app: TestApp;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'sqy-h5-fixture-'));
  mkdirSync(path.join(dir, 'js'));
  mkdirSync(path.join(dir, 'css'));
  writeFileSync(path.join(dir, 'index.html'), INDEX);
  writeFileSync(path.join(dir, 'js', 'app.0123abcd.js'), BUNDLE);
  writeFileSync(path.join(dir, 'css', 'app.0123abcdef45.css'), 'body { margin: 0 }\n');
  writeFileSync(path.join(dir, 'robots.txt'), 'User-agent: *\n');
  app = await startTestApp({ h5Dir: dir });
});

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (p: string, headers: Record<string, string> = {}) => rawRequest(app.url, p, { headers });

describe('the H5 build at /', () => {
  it('GET / is index.html, never cached without revalidation', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body.toString('utf8')).toBe(INDEX);
  });

  it('HEAD / is 200 with the headers of GET and no body', async () => {
    const head = await rawRequest(app.url, '/', { method: 'HEAD' });
    const body = await get('/');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    for (const name of [
      'content-type',
      'content-length',
      'cache-control',
      'last-modified',
      'content-security-policy',
    ]) {
      expect(head.headers[name], name).toBe(body.headers[name]);
    }
    expect(Number(head.headers['content-length'])).toBe(Buffer.byteLength(INDEX));
  });

  it('hashed bundles are cached for a year as immutable; other files for an hour', async () => {
    const js = await get('/js/app.0123abcd.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const css = await get('/css/app.0123abcdef45.css');
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const robots = await get('/robots.txt');
    expect(robots.headers['cache-control']).toBe('public, max-age=3600');
  });

  it.each(['gzip', 'br'] as const)(
    'sends the bundle with %s to a browser that accepts it, and says it varies',
    async (encoding) => {
      const res = await get('/js/app.0123abcd.js', { 'accept-encoding': encoding });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(res.headers['content-length']).toBeUndefined();
      const plain = encoding === 'gzip' ? gunzipSync(res.body) : brotliDecompressSync(res.body);
      expect(plain.toString('utf8')).toBe(BUNDLE);
      expect(res.body.length).toBeLessThan(BUNDLE.length / 4);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    },
  );

  it('sends the bundle as it is to a client that accepts no encoding', async () => {
    const res = await get('/js/app.0123abcd.js');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(Number(res.headers['content-length'])).toBe(statSync(path.join(dir, 'js', 'app.0123abcd.js')).size);
    expect(res.body.toString('utf8')).toBe(BUNDLE);
  });

  it('answers 304 to a browser revalidating a file it has', async () => {
    const first = await get('/');
    const again = await get('/', { 'if-modified-since': String(first.headers['last-modified']) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it("an app route that names no file gets index.html (the app's own router)", async () => {
    for (const p of ['/pages/committee/card', '/admin/', '/index']) {
      const res = await get(p);
      expect(res.status, p).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body.toString('utf8')).toBe(INDEX);
    }
  });

  it('a missing file with an extension is a JSON 404, not index.html in its place', async () => {
    const res = await get('/js/app.ffffffff.js');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBeUndefined();
    expect(JSON.parse(res.body.toString('utf8'))).toEqual({
      error: { code: 'NOT_FOUND', message: errorCatalog.NOT_FOUND.message },
    });
  });

  it('paths under /api are never the app: an unknown one is a JSON 404', async () => {
    const res = await get('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body.toString('utf8')).error.code).toBe('NOT_FOUND');
  });

  it('a page path that is not valid percent-encoding is a JSON 400 MALFORMED_URL, not a 500', async () => {
    const res = await get('/%E0%A4%A');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body.toString('utf8'))).toEqual({
      error: { code: 'MALFORMED_URL', message: errorCatalog.MALFORMED_URL.message },
    });
  });

  it('a path climbing out of the folder serves nothing from outside it', async () => {
    const res = await get('/js/..%2f..%2f..%2fetc%2fpasswd');
    expect(res.body.toString('utf8')).not.toContain('root:');
    expect([400, 403, 404]).toContain(res.status);
    expect(JSON.parse(res.body.toString('utf8')).error.code).toBeTruthy();
  });

  it("a method other than GET or HEAD at a page is a JSON error, not Koa's text", async () => {
    const res = await rawRequest(app.url, '/', { method: 'POST' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(res.body.toString('utf8')).error.code).toBeTruthy();
  });
});

describe('the page CSP', () => {
  const scriptSrc = (csp: string) => /script-src ([^;]+)/.exec(csp)?.[1] ?? '';

  it("allows the page's inline script by its hash instead of 'unsafe-inline'", async () => {
    const res = await get('/');
    const csp = String(res.headers['content-security-policy']);
    const expected = `'sha256-${createHash('sha256').update(INLINE).digest('base64')}'`;
    expect(scriptSrc(csp)).not.toContain('unsafe-inline');
    expect(scriptSrc(csp)).toContain("'self'");
    expect(scriptSrc(csp)).toContain(expected);
    expect(csp).toContain("object-src 'none'");
    // The page-only headers are on pages.
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('follows a rebuilt index.html without a restart', async () => {
    const other = INDEX.replace(INLINE, '\n  window.rebuilt = true;\n');
    const file = path.join(dir, 'index.html');
    writeFileSync(file, other);
    // Make sure the modification time moves even on a coarse clock.
    const later = new Date(statSync(file).mtimeMs + 5000);
    utimesSync(file, later, later);
    try {
      const csp = String((await get('/')).headers['content-security-policy']);
      expect(scriptSrc(csp)).toContain(hashInlineScripts(other)[0]);
      expect(scriptSrc(csp)).not.toContain(hashInlineScripts(INDEX)[0]);
    } finally {
      writeFileSync(file, INDEX);
      utimesSync(file, new Date(later.getTime() + 5000), new Date(later.getTime() + 5000));
    }
  });

  it('hashes only scripts without src, byte for byte', () => {
    expect(
      hashInlineScripts('<script src="/a.js"></script><script>a()</script><SCRIPT type="module">b()</SCRIPT>'),
    ).toEqual([
      `sha256-${createHash('sha256').update('a()').digest('base64')}`,
      `sha256-${createHash('sha256').update('b()').digest('base64')}`,
    ]);
    // The HTML parser turns CRLF into LF before the browser hashes.
    expect(hashInlineScripts('<script>a()\r\nb()</script>')).toEqual([
      `sha256-${createHash('sha256').update('a()\nb()').digest('base64')}`,
    ]);
  });

  it('hashes the inline script the H5 page ships with (miniprogram/index.html)', () => {
    const source = readFileSync('miniprogram/index.html', 'utf8');
    expect(hashInlineScripts(source)).toHaveLength(1);
  });
});

describe('the H5 build is current when stamped with its sources’ time', () => {
  it('a stamp copied from a source with sub-millisecond time counts as current; a later edit does not', () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'sqy-stamp-'));
    try {
      const source = path.join(tmp, 'page.tsx');
      const index = path.join(tmp, 'index.html');
      writeFileSync(source, 'x');
      writeFileSync(index, '<html></html>');
      // A time with nanoseconds, as a checkout leaves it; ensureH5Build stamps index.html with it.
      const sourceMs = statSync(source).mtimeMs;
      utimesSync(source, sourceMs / 1000 + 0.000_000_789, sourceMs / 1000 + 0.000_000_789);
      const changed = statSync(source).mtimeMs;
      utimesSync(index, new Date(changed), new Date(changed));
      expect(buildIsCurrent(statSync(index).mtimeMs, changed)).toBe(true);
      expect(buildIsCurrent(statSync(index).mtimeMs, changed + 5)).toBe(false);
      expect(buildIsCurrent(0, changed)).toBe(false);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
