import { type ErrorCode, errorCatalog } from '../../shared/errors';
import { AppError } from '../core/errors';

/** The HTTP side of an AppError: its status and the body every error reply has. */
export function httpError(error: AppError): { status: number; body: { error: Record<string, unknown> } } {
  const entry = errorCatalog[error.code as ErrorCode];
  return {
    status: entry.status,
    body: {
      error: {
        code: error.code,
        message: error.message || entry.message,
        ...(error.details ? { details: error.details } : {}),
      },
    },
  };
}

export { AppError };
