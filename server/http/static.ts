import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Context, Next } from 'koa';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

/**
 * Serves the H5 build at `/`. Hashed assets are cached for a year, index.html
 * never, and unknown paths outside /api fall back to index.html (the app's router).
 */
export function serveH5(dir: string) {
  const root = path.resolve(dir);
  return async (ctx: Context, next: Next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.path.startsWith('/api/')) return next();
    let file = path.resolve(root, `.${decodeURIComponent(ctx.path)}`);
    if (!file.startsWith(root)) return next();
    if (!existsSync(file) || statSync(file).isDirectory()) file = path.join(root, 'index.html');
    if (!existsSync(file)) return next();
    const ext = path.extname(file);
    ctx.type = types[ext] ?? 'application/octet-stream';
    ctx.set(
      'Cache-Control',
      ext === '.html'
        ? 'no-cache'
        : /\.[0-9a-f]{6,}\./.test(file)
          ? 'public, max-age=31536000, immutable'
          : 'public, max-age=3600',
    );
    ctx.length = statSync(file).size;
    ctx.body = ctx.method === 'HEAD' ? null : createReadStream(file);
  };
}
