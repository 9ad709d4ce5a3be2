import type Router from '@koa/router';
import type { Context } from 'koa';
import type { z } from 'zod';
import type { RouteAuth, RouteContract } from '../../shared/contracts/route';
import { isChinese } from '../../shared/errors';
import { requireAllowed } from '../auth/guards';
import type { Actor } from '../auth/policy';
import type { ServiceContext } from '../core/context';
import { AppError } from '../core/errors';
import type { AppDeps } from '../deps';

export interface AuthState {
  sessionId: number;
  actor: Actor;
}

type Input<C> =
  C extends RouteContract<infer P, infer Q, infer B, z.ZodType>
    ? { params: z.infer<P>; query: z.infer<Q>; body: z.infer<B> }
    : never;
type Output<C> = C extends RouteContract<z.ZodType, z.ZodType, z.ZodType, infer R> ? z.input<R> : never;
type AuthOf<C> = C extends { auth: infer A } ? A : RouteAuth;

/** Where sign-in is required, the handler's actor is not null by type. */
export type ContextFor<C> = AuthOf<C> extends 'public' | 'optional' ? ServiceContext : ServiceContext<Actor>;

export type Handler<C> = (input: Input<C>, ctx: ContextFor<C>) => Promise<Output<C> | null | undefined>;

export type Authenticate = (ctx: Context, required: boolean) => Promise<AuthState | null>;

/** The list of mounted contracts, from which the OpenAPI document is made. */
export type RouteRegistry = RouteContract[];

/** Mounts one contract with its handler; createApp hands this to every feature. */
export type Mount = <C extends RouteContract>(contract: C, handler: Handler<C>) => void;

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.infer<T> {
  if (!schema) return undefined as z.infer<T>;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AppError(
    'VALIDATION_FAILED',
    result.error.issues[0] && isChinese(result.error.issues[0].message) ? result.error.issues[0].message : undefined,
    result.error.issues.map((i) => ({ in: where, path: i.path.join('.'), message: i.message })),
  );
}

/**
 * The contract's level, enforced before any input is read: an anonymous caller
 * with a bad body gets 401, not 400. `staff` routes all name a community; a caller
 * who is not its moderator gets 404 (a stranger) or 403 (one of its residents).
 */
function gate(auth: RouteAuth, actor: Actor | null, params: unknown) {
  if (auth === 'public' || auth === 'optional') return;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (auth === 'admin') requireAllowed(actor, 'admin:platform');
  if (auth === 'staff') {
    const communityId = (params as { communityId?: number } | undefined)?.communityId;
    requireAllowed(actor, 'moderate:community', { communityId });
  }
}

/**
 * Mounts one contract: resolve the caller, enforce the contract's level, parse
 * params, query and body with the shared schemas, run the handler, and shape the
 * reply through the response schema (an allow-list: fields it does not name never
 * leave the server).
 */
export function mount<C extends RouteContract>(
  router: Router,
  registry: RouteRegistry,
  deps: AppDeps,
  authenticate: Authenticate,
  contract: C,
  handler: Handler<C>,
): void {
  if (contract.auth === 'staff' && !contract.path.includes(':communityId')) {
    throw new Error(`${contract.method} ${contract.path}: a staff route must name its community`);
  }
  registry.push(contract);
  const method = contract.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  router[method](contract.path, async (koa) => {
    const auth = contract.auth === 'public' ? null : await authenticate(koa, contract.auth !== 'optional');
    const actor = auth?.actor ?? null;
    koa.state.userId = actor?.userId;
    if (contract.auth !== 'staff') gate(contract.auth, actor, undefined);
    const params = parse(contract.params, koa.params, 'path');
    if (contract.auth === 'staff') gate(contract.auth, actor, params);
    const query = parse(contract.query, koa.query, 'query');
    const rawBody = (koa.request as { body?: unknown }).body;
    const body = parse(contract.body, contract.body && rawBody === undefined ? {} : rawBody, 'body');
    const ctx: ServiceContext = {
      deps,
      actor,
      requestId: koa.state.requestId,
      origin: { ip: koa.ip, userAgent: koa.get('user-agent') || null, sessionId: auth?.sessionId ?? null },
    };
    const result = await handler({ params, query, body } as Input<C>, ctx as ContextFor<C>);
    if (contract.response === null) {
      koa.status = 204;
      return;
    }
    koa.status = contract.status ?? 200;
    koa.body = contract.response.parse(result);
  });
}
