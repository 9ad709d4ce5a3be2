import { randomUUID } from 'node:crypto';
import type { Actor } from '../auth/policy';
import type { AppDeps } from '../deps';

/** Where an HTTP caller came from; jobs and the CLI have no origin. */
export interface Origin {
  ip: string;
  userAgent: string | null;
  /** The session the request was signed in with. */
  sessionId: number | null;
}

/**
 * What every service function takes. HTTP builds it per request, the job runner per
 * job, the CLI once; none of them leaks its own types into the services.
 */
export interface ServiceContext<A extends Actor | null = Actor | null> {
  deps: AppDeps;
  /** Who acts: null for an anonymous caller and for the system itself (jobs). */
  actor: A;
  /** Ties logs, audit rows and outbox rows of one action together. */
  requestId: string;
  origin: Origin | null;
}

/** A context whose caller is known to be signed in. */
export type SignedIn = ServiceContext<Actor>;

/** A context for work the system does by itself (jobs, boot): no caller. */
export function systemContext(deps: AppDeps, requestId: string = `sys-${randomUUID()}`): ServiceContext<null> {
  return { deps, actor: null, requestId, origin: null };
}

/** A context acting as a given user outside HTTP (the CLI, a job on a user's behalf). */
export function actingAs(deps: AppDeps, actor: Actor, requestId: string = `cli-${randomUUID()}`): SignedIn {
  return { deps, actor, requestId, origin: null };
}

/** The server's operator at the console (npm run admin:create): an admin who is no user. */
export function operatorContext(deps: AppDeps): SignedIn {
  return actingAs(deps, { userId: 0, isAdmin: true, memberships: [], operator: true }, `cli-${randomUUID()}`);
}
