import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, gzip, constants as zlibConstants } from 'node:zlib';
import { bodyParser } from '@koa/bodyparser';
import type { Context, Next } from 'koa';
import type { ErrorCode } from '../../shared/errors';
import type { Config } from '../config';
import { AppError } from '../core/errors';
import type { Logger } from '../core/logger';
import { httpError } from './errors';

/**
 * The outermost middleware: the request id (the caller's, when well formed), the
 * security headers, and one log line per API request. One function rather than three
 * layers: every layer of Koa's chain is paid on every request.
 *
 * The id goes back in `X-Request-Id` on every error reply (what support asks for) and
 * on every reply to a caller that sent its own; a plain success does without it (each
 * header costs the server and the client on every request: decision 010).
 */
export function edge(logger: Logger, security: SecurityOptions = {}) {
  return async (ctx: Context, next: Next) => {
    const incoming = ctx.get('x-request-id');
    const requestId = /^[A-Za-z0-9-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = requestId;
    const api = ctx.path.startsWith('/api/');
    setSecurityHeaders(ctx, api, security);
    const started = performance.now();
    try {
      await next();
    } finally {
      if (incoming === requestId || ctx.status >= 400) ctx.res.setHeader('X-Request-Id', requestId);
      if (api) {
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

/**
 * Around the routes: CORS, the JSON body of a POST, PUT or PATCH, then the route; a
 * failure becomes its error body, and an object body becomes JSON text, compressed
 * when large (see `sendJson`).
 */
export function replies(logger: Logger, config: Config) {
  const corsPreflight = cors(config);
  const parseBody = bodyParser({
    enableTypes: ['json'],
    jsonLimit: `${config.BODY_LIMIT_KB}kb`,
    encoding: 'utf-8',
    onError: (error) => {
      throw error;
    },
  });
  return async (ctx: Context, next: Next) => {
    try {
      if (!corsPreflight(ctx)) {
        // GET, HEAD and DELETE carry no body here: skip the parser's content-type checks.
        const method = ctx.method;
        await (method === 'POST' || method === 'PUT' || method === 'PATCH' ? parseBody(ctx, next) : next());
        if (ctx.status >= 400 && (ctx.body === undefined || ctx.body === null)) throw errorForStatus(ctx.status);
      }
    } catch (raw) {
      sendError(ctx, raw, logger);
    }
    await sendJson(ctx);
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
function sendError(ctx: Context, raw: unknown, logger: Logger) {
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

const brotli = promisify(brotliCompress);
const gzipText = promisify(gzip);
/** Brotli at quality 4: most of the gain for a fraction of the default quality's CPU. */
const BROTLI_OPTIONS = { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } };

/**
 * Turns an object body into its JSON text once, here, and compresses it here too: a
 * reply under the threshold is sent as it is; a larger one goes out as br or gzip when
 * the client accepts either (br preferred), with `Vary: Accept-Encoding`. API replies
 * never pass through koa-compress, whose type lookup, negotiation and stream cost more
 * than the buffer compression of a few kilobytes of JSON.
 */
async function sendJson(ctx: Context) {
  const body = ctx.body;
  if (body === null || typeof body !== 'object' || Buffer.isBuffer(body)) return;
  if (typeof (body as { pipe?: unknown }).pipe === 'function') return; // a stream (a file)
  const text = JSON.stringify(body);
  // Set before the body, so Koa neither sniffs the text nor looks the type up.
  ctx.res.setHeader('Content-Type', 'application/json; charset=utf-8');
  if (text.length < COMPRESS_THRESHOLD) {
    ctx.body = text;
    return;
  }
  ctx.vary('Accept-Encoding');
  const encoding = ctx.get('accept-encoding')
    ? ctx.acceptsEncodings('br')
      ? 'br'
      : ctx.acceptsEncodings('gzip')
        ? 'gzip'
        : null
    : null;
  if (!encoding) {
    ctx.body = text;
    return;
  }
  ctx.body = encoding === 'br' ? await brotli(text, BROTLI_OPTIONS) : await gzipText(text);
  ctx.set('Content-Encoding', encoding);
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
function setSecurityHeaders(ctx: Context, api: boolean, options: SecurityOptions) {
  const res = ctx.res;
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (api) {
    res.setHeader('Content-Security-Policy', API_CSP);
  } else {
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(self)');
    res.setHeader('Content-Security-Policy', pageCsp(options.inlineScriptHashes?.() ?? []));
  }
  if (ctx.secure) res.setHeader('Strict-Transport-Security', 'max-age=15552000');
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

/**
 * CORS for the origins in config only; same-origin H5 needs none. Sets the headers and
 * answers a preflight (true: the reply is done). With no origins configured, no reply
 * varies by Origin.
 */
function cors(config: Config): (ctx: Context) => boolean {
  const allowed = new Set(config.CORS_ORIGINS.map((o) => new URL(o).origin));
  return (ctx) => {
    const origin = ctx.get('origin');
    if (allowed.size > 0) ctx.vary('Origin');
    if (origin && allowed.has(origin)) {
      ctx.set('Access-Control-Allow-Origin', origin);
      ctx.set('Access-Control-Expose-Headers', 'X-Request-Id');
      if (ctx.method === 'OPTIONS') {
        ctx.set('Access-Control-Allow-Methods', 'GET,POST,PUT,PATCH,DELETE');
        ctx.set('Access-Control-Allow-Headers', 'Authorization,Content-Type,X-Request-Id');
        ctx.set('Access-Control-Max-Age', '600');
        ctx.status = 204;
        return true;
      }
    } else if (ctx.method === 'OPTIONS' && origin) {
      ctx.status = 204;
      return true;
    }
    return false;
  };
}
