import type { Context } from 'koa';
import { AppError } from '../core/errors';
import type { AppDeps } from '../deps';
import { resolveSession } from '../features/auth/service';
import type { Authenticate, AuthState } from './route';

const BEARER = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/;

/**
 * The HTTP side of sign-in on every request: read the bearer token, resolve it, and
 * refuse when the route needs a caller and there is none.
 */
export function createAuthenticator(deps: AppDeps): Authenticate {
  return async (ctx: Context, required: boolean): Promise<AuthState | null> => {
    const match = BEARER.exec(ctx.get('authorization'));
    let session: AuthState | null = null;
    try {
      session = match ? await resolveSession(deps, match[1]) : null;
    } catch (error) {
      // An expired session on a route that does not need one is simply anonymous.
      if (!required && error instanceof AppError && error.code === 'SESSION_EXPIRED') return null;
      throw error;
    }
    if (!session && required) throw new AppError('UNAUTHENTICATED');
    return session;
  };
}
