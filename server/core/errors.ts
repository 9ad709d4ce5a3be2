import type { ErrorCode } from '../../shared/errors';

/**
 * A failure a caller should see: a stable code from the shared catalogue, and a
 * Chinese message when the catalogue's default does not fit. Services, guards,
 * jobs and the CLI throw it; only server/http/ turns a code into a status.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? '');
    this.name = 'AppError';
  }
}

/** SQLSTATE of a database error, through drizzle's wrapping. */
export function pgCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export const isUniqueViolation = (error: unknown) => pgCode(error) === '23505';
/** An exclusion constraint refused the row (rental_holds: two holds of a unit on one day). */
export const isExclusionViolation = (error: unknown) => pgCode(error) === '23P01';
