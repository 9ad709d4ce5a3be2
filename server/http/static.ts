import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import type { Context, Middleware, Next } from 'koa';
import serve from 'koa-static';
import { AppError } from '../core/errors';

/** Build output named with a content hash (`app.b1cac21a.js`, `app.b1cac21a842937725cd4.css`). */
const HASHED = /\.[0-9a-f]{8,}\./;

/**
 * How long a browser may keep a file: index.html is revalidated every time (it names the
 * current bundles), hashed assets never change under their name, anything else an hour.
 */
export function cacheControlFor(file: string): string {
  if (path.extname(file) === '.html') return 'no-cache';
  if (HASHED.test(path.basename(file))) return 'public, max-age=31536000, immutable';
  return 'public, max-age=3600';
}

export interface H5 {
  middleware: Middleware;
  /** `sha256-…` of each inline script in index.html, for the page's CSP. */
  inlineScriptHashes(): readonly string[];
}

/**
 * Serves the H5 build at `/` through koa-static: GET and HEAD only, never below /api,
 * with the cache rules above and 304s for a browser revalidating. A path with no
 * extension that names no file is one of the app's own routes: it gets index.html.
 * A missing file with an extension (an old bundle name) is a 404, not HTML in its place.
 * Compression is left to koa-compress around the whole app.
 */
export function serveH5(dir: string): H5 {
  const root = path.resolve(dir);
  const files = serve(root, {
    index: 'index.html',
    // The build has no precompressed .br/.gz files; do not look for them on every request.
    brotli: false,
    gzip: false,
    setHeaders: (res: ServerResponse, file: string) => {
      res.setHeader('Cache-Control', cacheControlFor(file));
    },
  });
  const hashes = inlineScriptHashes(path.join(root, 'index.html'));

  const middleware = async (ctx: Context, next: Next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.path === '/api' || ctx.path.startsWith('/api/')) {
      return next();
    }
    // Not valid percent-encoding: no file can have this name. (API routes read such a
    // path as text that fails their contract: 400 VALIDATION_FAILED, or 404.)
    try {
      decodeURIComponent(ctx.path);
    } catch {
      throw new AppError('MALFORMED_URL');
    }
    await files(ctx, async () => {
      if (path.extname(ctx.path) !== '') return next();
      const original = ctx.path;
      ctx.path = '/index.html';
      try {
        await files(ctx, next);
      } finally {
        ctx.path = original;
      }
    });
    if (ctx.status === 200 && ctx.fresh) {
      ctx.status = 304;
      ctx.body = null;
    }
  };
  return { middleware, inlineScriptHashes: hashes };
}

/**
 * The CSP allows the page's inline scripts by their hash instead of 'unsafe-inline'.
 * The hashes are read from the built index.html, again whenever it changes on disk
 * (a rebuild under a running server), so they always match what is served.
 */
export function inlineScriptHashes(indexFile: string): () => readonly string[] {
  let seen = -1;
  let hashes: readonly string[] = [];
  return () => {
    let mtime: number;
    try {
      mtime = statSync(indexFile).mtimeMs;
    } catch {
      return hashes;
    }
    if (mtime !== seen) {
      seen = mtime;
      hashes = hashInlineScripts(readFileSync(indexFile, 'utf8'));
    }
    return hashes;
  };
}

/**
 * `sha256-<base64>` of the text of every `<script>` without a `src`, as a browser hashes
 * it: the raw text between the tags, line breaks normalised to LF by the HTML parser.
 */
export function hashInlineScripts(html: string): string[] {
  const out: string[] = [];
  for (const match of html.replace(/\r\n?/g, '\n').matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const [, attributes, body] = match;
    if (/\bsrc\s*=/i.test(attributes) || body === '') continue;
    out.push(`sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}`);
  }
  return out;
}
