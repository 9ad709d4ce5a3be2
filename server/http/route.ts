import type Router from '@koa/router';
import type { Context } from 'koa';
import type { z } from 'zod';
import type { RouteContract } from '../../shared/contracts/route';
import { isChinese } from '../../shared/errors';
import type { Actor } from '../auth/policy';
import type { AppDeps } from '../deps';
import { AppError } from './errors';

export interface AuthState {
  sessionId: number;
  actor: Actor;
}

export interface RequestScope {
  deps: AppDeps;
  requestId: string;
  ip: string;
  userAgent: string | null;
  /** Null when nobody is signed in (only on public and optional routes). */
  actor: Actor | null;
  sessionId: number | null;
}

type Input<C> =
  C extends RouteContract<infer P, infer Q, infer B, z.ZodType>
    ? { params: z.infer<P>; query: z.infer<Q>; body: z.infer<B> }
    : never;
type Output<C> = C extends RouteContract<z.ZodType, z.ZodType, z.ZodType, infer R> ? z.input<R> : never;

export type Handler<C> = (input: Input<C>, scope: RequestScope) => Promise<Output<C> | null | undefined>;

export type Authenticate = (ctx: Context, required: boolean) => Promise<AuthState | null>;

/** The list of mounted contracts, from which the OpenAPI document is made. */
export type RouteRegistry = RouteContract[];

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
 * Mounts one contract: parse params, query and body with the shared schemas,
 * resolve the caller, run the handler, and shape the reply through the response
 * schema (an allow-list: fields it does not name never leave the server).
 */
export function mount<C extends RouteContract>(
  router: Router,
  registry: RouteRegistry,
  deps: AppDeps,
  authenticate: Authenticate,
  contract: C,
  handler: Handler<C>,
): void {
  registry.push(contract);
  const method = contract.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  router[method](contract.path, async (ctx) => {
    const params = parse(contract.params, ctx.params, 'path');
    const query = parse(contract.query, ctx.query, 'query');
    const rawBody = (ctx.request as { body?: unknown }).body;
    const body = parse(contract.body, contract.body && rawBody === undefined ? {} : rawBody, 'body');
    const auth = contract.auth === 'public' ? null : await authenticate(ctx, contract.auth !== 'optional');
    const scope: RequestScope = {
      deps,
      requestId: ctx.state.requestId,
      ip: ctx.ip,
      userAgent: ctx.get('user-agent') || null,
      actor: auth?.actor ?? null,
      sessionId: auth?.sessionId ?? null,
    };
    ctx.state.userId = auth?.actor.userId;
    const result = await handler({ params, query, body } as Input<C>, scope);
    if (contract.response === null) {
      ctx.status = 204;
      return;
    }
    ctx.status = contract.status ?? 200;
    ctx.body = contract.response.parse(result);
  });
}
