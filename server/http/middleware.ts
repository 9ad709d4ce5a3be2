import { randomUUID } from 'node:crypto';
import type { Context, Next } from 'koa';
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

/** Maps every failure to `{ error: { code, message, details? } }`; nothing internal leaks. */
export function errorHandler(logger: Logger) {
  return async (ctx: Context, next: Next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined && ctx.path.startsWith('/api/')) throw new AppError('NOT_FOUND');
    } catch (raw) {
      const error = toAppError(raw);
      const reply = httpError(error);
      if (reply.status >= 500) {
        logger.error('request failed', { requestId: ctx.state.requestId, error: errorText(raw) });
      }
      ctx.status = reply.status;
      ctx.body = reply.body;
      if (error.code === 'RATE_LIMITED' || error.code === 'WECHAT_RATE_LIMITED' || error.code === 'ACCOUNT_LOCKED') {
        ctx.set('Retry-After', '60');
      }
    }
  };
}

function errorText(e: unknown) {
  return e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e);
}

function toAppError(raw: unknown): AppError {
  if (raw instanceof AppError) return raw;
  const e = raw as { status?: number; type?: string; expose?: boolean; name?: string };
  // Errors thrown by the body parser (http-errors with a status).
  if (e && typeof e.status === 'number') {
    if (e.status === 413) return new AppError('PAYLOAD_TOO_LARGE');
    if (e.status === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE');
    if (e.status === 400 || e.name === 'SyntaxError') return new AppError('MALFORMED_JSON');
  }
  if (e?.name === 'SyntaxError') return new AppError('MALFORMED_JSON');
  return new AppError('INTERNAL');
}

export function securityHeaders() {
  return async (ctx: Context, next: Next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
    ctx.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(self)');
    ctx.set(
      'Content-Security-Policy',
      ctx.path.startsWith('/api/')
        ? "default-src 'none'; frame-ancestors 'none'"
        : "default-src 'self'; img-src 'self' data: blob: https:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; script-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'",
    );
    if (ctx.secure) ctx.set('Strict-Transport-Security', 'max-age=15552000');
    await next();
  };
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
