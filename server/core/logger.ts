import pino from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/**
 * The small logging surface the rest of the code uses: a message and a flat object
 * of fields (request id, route, status, ms). pino writes it; callers never see pino's
 * API, so a test can hand in a logger that collects lines.
 */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/**
 * Keys whose values never reach a log line, at any depth of a logged object:
 * credentials (bearer tokens, passwords, WeChat session keys and login codes) and
 * personal information (real names, phone numbers). Compared without case,
 * underscores or dashes, so `session_key`, `sessionKey` and `Session-Key` all match.
 */
const REDACTED_KEYS = new Set(
  [
    'authorization',
    'cookie',
    'token',
    'accessToken',
    'refreshToken',
    'password',
    'newPassword',
    'passwordHash',
    'secret',
    'session_key',
    'js_code',
    'code',
    'realName',
    'real_name',
    'phone',
    'mobile',
  ].map(normalizeKey),
);

export const REDACTED = '[redacted]';

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[_-]/g, '');
}

const MAX_DEPTH = 8;

/** A copy of `value` with every sensitive key's value replaced; cycles and depth are bounded. */
export function redact(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[nested]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1, seen));
    if (value instanceof Error) return redactError(value, depth, seen);
    if (value instanceof Date) return value.toISOString();
    if (Buffer.isBuffer(value)) return `[${value.length} bytes]`;
    if (value instanceof Map) return redact(Object.fromEntries(value), depth, seen);
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] =
        REDACTED_KEYS.has(normalizeKey(key)) && v !== undefined && v !== null ? REDACTED : redact(v, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/** An error as a plain object: its type, message, stack, (redacted) own fields and cause. */
function redactError(error: Error, depth: number, seen: WeakSet<object>) {
  const { code, ...own } = error as Error & { code?: unknown };
  return {
    type: error.name,
    message: error.message,
    stack: error.stack,
    ...(redact(own, depth + 1, seen) as Record<string, unknown>),
    // An error's own code is an error code (ECONNREFUSED, a SQLSTATE), not a WeChat login code.
    ...(typeof code === 'string' && /^[A-Z0-9_]+$/.test(code) ? { code } : {}),
    ...(error.cause !== undefined ? { cause: redact(error.cause, depth + 1, seen) } : {}),
  };
}

/**
 * JSON lines through pino: `level` by name, ISO `time`, `pid`, the fields, then `msg`.
 * `write` replaces stdout (tests collect lines with it); `silent` writes nothing.
 */
export function createLogger(level: LogLevel, write?: (line: string) => void): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Errors are already plain, redacted objects (below); pino's own serializer would rename their type.
    serializers: { err: (value: unknown) => value },
    formatters: {
      level: (label) => ({ level: label }),
      bindings: (bindings) => redact(bindings) as Record<string, unknown>,
      log: (object) => redact(object) as Record<string, unknown>,
    },
  };
  const log = write ? pino(options, { write }) : pino(options);
  return {
    debug: (msg, fields) => log.debug(fields ?? {}, msg),
    info: (msg, fields) => log.info(fields ?? {}, msg),
    warn: (msg, fields) => log.warn(fields ?? {}, msg),
    error: (msg, fields) => log.error(fields ?? {}, msg),
  };
}
