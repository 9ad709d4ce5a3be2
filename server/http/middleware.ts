import { randomUUID } from 'node:crypto';
import type { Context, Next } from 'koa';
import type { ErrorCode } from '../../shared/errors';
import type { Config } from '../config';
import { AppError } from '../core/errors';
import type { Logger } from '../core/logger';
import { httpError } from './errors';

export function requestContext(logger: Logger) {
  return async (ctx: Context, next: Next) => {
    const incoming = ctx.get('x-request-id');
    const requestId = /^[A-Za-z0-9-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = requestId;
    ctx.set('X-Request-Id', requestId);
    const started = performance.now();
    try {
      await next();
    } finally {
      if (ctx.path.startsWith('/api/')) {
        logger.info('request', {
          requestId,
          method: ctx.method,
          path: ctx.path,
          route: ctx._matchedRoute,
          status: ctx.status,
          ms: Math.round((performance.now() - started) * 10) / 10,
          userId: ctx.state.userId,
        });
      }
    }
  };
}

/** The code for a status when a reply has no error of ours to show (a router or static-file reply). */
const codeForStatus: Partial<Record<number, ErrorCode>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  408: 'REQUEST_TIMEOUT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  431: 'HEADERS_TOO_LARGE',
  501: 'NOT_IMPLEMENTED',
  503: 'SERVICE_UNAVAILABLE',
};

/** The AppError standing for a bare HTTP status. */
export function errorForStatus(status: number): AppError {
  const code = codeForStatus[status] ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST');
  return new AppError(code);
}

/**
 * Maps every failure to `{ error: { code, message, details? } }`; nothing internal leaks.
 * A reply that ends with an error status and no body (the router's 405 and 501, a
 * missing file) gets the same shape.
 */
export function errorHandler(logger: Logger) {
  return async (ctx: Context, next: Next) => {
    try {
      await next();
      if (ctx.status >= 400 && (ctx.body === undefined || ctx.body === null)) throw errorForStatus(ctx.status);
    } catch (raw) {
      const error = toAppError(raw);
      const reply = httpError(error);
      if (reply.status >= 500) {
        logger.error('request failed', { requestId: ctx.state.requestId, err: raw });
      }
      // Headers a static file or the router set for a success do not belong on an error.
      for (const header of ['Content-Length', 'Content-Encoding', 'Cache-Control', 'Last-Modified', 'ETag']) {
        ctx.remove(header);
      }
      ctx.status = reply.status;
      ctx.body = reply.body;
      if (error.code === 'RATE_LIMITED' || error.code === 'WECHAT_RATE_LIMITED' || error.code === 'ACCOUNT_LOCKED') {
        ctx.set('Retry-After', '60');
      }
    }
  };
}

function toAppError(raw: unknown): AppError {
  if (raw instanceof AppError) return raw;
  const e = raw as { status?: number; statusCode?: number; type?: string; name?: string };
  if (e?.name === 'SyntaxError' || e?.type === 'entity.parse.failed') return new AppError('MALFORMED_JSON');
  // http-errors thrown by the body parser, the router or the static files.
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return errorForStatus(status);
  return new AppError('INTERNAL');
}

/** Below this many bytes a reply is sent as it is: compressing it would cost more than it saves. */
export const COMPRESS_THRESHOLD = 1024;

/**
 * Turns an object body into its JSON text once, here: compression needs the reply's
 * length, and Koa would otherwise stringify the object once to measure it and again
 * to send it. Knowing the text, it also decides compression for JSON at once, so a
 * small reply or a client that accepts no encoding skips koa-compress's type lookup
 * and negotiation.
 */
export function serializeJson() {
  return async (ctx: Context, next: Next) => {
    await next();
    const body = ctx.body;
    if (body === null || typeof body !== 'object' || Buffer.isBuffer(body)) return;
    if (typeof (body as { pipe?: unknown }).pipe === 'function') return; // a stream (a file)
    const text = JSON.stringify(body);
    // Set before the body, so Koa neither sniffs the text nor looks the type up.
    ctx.res.setHeader('Content-Type', 'application/json; charset=utf-8');
    ctx.body = text;
    // JSON is always compressible: say so (no lookup) or skip (no negotiation).
    ctx.compress = text.length >= COMPRESS_THRESHOLD && Boolean(ctx.get('accept-encoding'));
  };
}

export interface SecurityOptions {
  /** `'sha256-…'` sources for the inline scripts of the H5 page (read from its index.html). */
  inlineScriptHashes?: () => readonly string[];
}

/**
 * Security headers. Pages get the full set; API replies are data that no browser
 * renders or frames, so they carry what matters for data (no sniffing, a CSP that
 * allows nothing) and skip the page-only headers, which are paid on every request.
 */
export function securityHeaders(options: SecurityOptions = {}) {
  return async (ctx: Context, next: Next) => {
    const res = ctx.res;
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (ctx.path.startsWith('/api/')) {
      res.setHeader('Content-Security-Policy', API_CSP);
    } else {
      res.setHeader('X-Frame-Options', 'DENY');
      res.setHeader('Referrer-Policy', 'no-referrer');
      res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
      res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(self)');
      res.setHeader('Content-Security-Policy', pageCsp(options.inlineScriptHashes?.() ?? []));
    }
    if (ctx.secure) res.setHeader('Strict-Transport-Security', 'max-age=15552000');
    await next();
  };
}

const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** Scripts only from our origin, plus the page's own inline scripts by hash: no 'unsafe-inline'. */
export function pageCsp(scriptHashes: readonly string[]): string {
  const scripts = ["'self'", ...scriptHashes.map((h) => `'${h}'`)].join(' ');
  return [
    "default-src 'self'",
    "img-src 'self' data: blob: https:",
    // Taro sets inline styles on elements; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    `script-src ${scripts}`,
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** CORS for the origins in config only; same-origin H5 needs none. */
export function cors(config: Config) {
  const allowed = new Set(config.CORS_ORIGINS.map((o) => new URL(o).origin));
  return async (ctx: Context, next: Next) => {
    const origin = ctx.get('origin');
    ctx.vary('Origin');
    if (origin && allowed.has(origin)) {
      ctx.set('Access-Control-Allow-Origin', origin);
      ctx.set('Access-Control-Expose-Headers', 'X-Request-Id');
      if (ctx.method === 'OPTIONS') {
        ctx.set('Access-Control-Allow-Methods', 'GET,POST,PUT,PATCH,DELETE');
        ctx.set('Access-Control-Allow-Headers', 'Authorization,Content-Type,X-Request-Id');
        ctx.set('Access-Control-Max-Age', '600');
        ctx.status = 204;
        return;
      }
    } else if (ctx.method === 'OPTIONS' && origin) {
      ctx.status = 204;
      return;
    }
    await next();
  };
}
