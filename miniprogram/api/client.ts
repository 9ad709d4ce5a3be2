import Taro from '@tarojs/taro';
import type { z } from 'zod';
import { fillPath, isFileResponse, type RouteContract } from '../../shared/contracts/route';
import { type ErrorCode, errorCatalog, isErrorBody } from '../../shared/errors';
import { apiBase } from '../lib/env';
import { isExpired, loadToken, renewToken } from './token';

/** Codes the client produces itself, besides the server's. */
export type ClientErrorCode = ErrorCode | 'NETWORK' | 'BAD_RESPONSE';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ClientErrorCode;
  readonly details?: unknown;

  constructor(status: number, code: ClientErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export const clientMessages = {
  NETWORK: '网络不太好，请检查网络后再试',
  BAD_RESPONSE: '数据格式不对，请更新小程序后再试',
} as const;

type AnyRoute = RouteContract<z.ZodType, z.ZodType, z.ZodType, z.ZodType>;
type Infer<S> = S extends z.ZodType ? z.infer<S> : never;
type Input<S> = S extends z.ZodType ? z.input<S> : never;
type IsNever<T> = [T] extends [never] ? true : false;

type RouteParams<R> = R extends RouteContract<infer P, z.ZodType, z.ZodType, z.ZodType> ? Infer<P> : never;
type RouteQuery<R> = R extends RouteContract<z.ZodType, infer Q, z.ZodType, z.ZodType> ? Input<Q> : never;
type RouteBody<R> = R extends RouteContract<z.ZodType, z.ZodType, infer B, z.ZodType> ? Input<B> : never;

/** What a route answers: `undefined` for 204 routes (response: null). */
export type ApiReply<R> =
  R extends RouteContract<z.ZodType, z.ZodType, z.ZodType, infer S>
    ? IsNever<Infer<S>> extends true
      ? undefined
      : Infer<S>
    : never;

/** Only the parts a route declares: `params` and `body` required when declared, `query` optional. */
export type ApiArgs<R> = (IsNever<RouteParams<R>> extends true ? { params?: undefined } : { params: RouteParams<R> }) &
  (IsNever<RouteQuery<R>> extends true ? { query?: undefined } : { query?: RouteQuery<R> }) &
  (IsNever<RouteBody<R>> extends true ? { body?: undefined } : { body: RouteBody<R> });

export interface ApiOptions {
  /** Do not show the error toast (the page shows the error itself). */
  silent?: boolean;
}

type HasRequired<A> = {} extends A ? false : true;
type ArgsTuple<R> =
  HasRequired<ApiArgs<R>> extends true
    ? [args: ApiArgs<R>, options?: ApiOptions]
    : [args?: ApiArgs<R>, options?: ApiOptions];

export function buildUrl(route: AnyRoute, params?: Record<string, unknown>, query?: Record<string, unknown>): string {
  const path = fillPath(route.path, (params ?? {}) as Record<string, string | number>);
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  }
  return `${apiBase}${path}${pairs.length ? `?${pairs.join('&')}` : ''}`;
}

export function showError(message: string): void {
  // icon 'none' shows up to two lines of text, enough for our plain messages.
  void Taro.showToast({ title: message, icon: 'none', duration: 3000 });
}

async function currentToken(route: AnyRoute): Promise<string | null> {
  if (route.auth === 'public') return null;
  const stored = loadToken();
  if (stored && !isExpired(stored)) return stored.token;
  // An expired WeChat session is renewed silently (wx.login, or the H5 device code). A route that
  // needs a user signs in the same way when there is no session yet. Staff routes never sign in
  // on their own: without a token the server answers 401 and the page offers the staff sign-in.
  if (stored?.kind === 'wechat' || (!stored && route.auth === 'user')) {
    return (await renewToken()) ?? null;
  }
  return stored?.token ?? null;
}

interface RawReply {
  statusCode: number;
  data: unknown;
}

async function send(url: string, method: string, token: string | null, body: unknown): Promise<RawReply> {
  const header: Record<string, string> = { Accept: 'application/json' };
  if (token) header.Authorization = `Bearer ${token}`;
  // An upload route takes the file itself as the body (see FileUpload in shared/contracts/route).
  if (body instanceof ArrayBuffer) header['Content-Type'] = 'application/octet-stream';
  else if (body !== undefined) header['Content-Type'] = 'application/json';
  try {
    const reply = await Taro.request({
      url,
      method: method as 'GET',
      header,
      data: body as Record<string, unknown> | undefined,
      dataType: 'json',
      timeout: 15_000,
    });
    let data: unknown = reply.data;
    // Some platforms hand back the raw text when the body is not JSON (e.g. a proxy's HTML page).
    if (typeof data === 'string' && data.length > 0) {
      try {
        data = JSON.parse(data);
      } catch {
        // leave as text
      }
    }
    return { statusCode: reply.statusCode, data };
  } catch {
    throw new ApiError(0, 'NETWORK', clientMessages.NETWORK);
  }
}

function toError(reply: RawReply): ApiError {
  if (isErrorBody(reply.data)) {
    const { code, message, details } = reply.data.error;
    return new ApiError(
      reply.statusCode,
      code,
      message || errorCatalog[code]?.message || errorCatalog.INTERNAL.message,
      details,
    );
  }
  const fallback: ErrorCode =
    reply.statusCode === 401 ? 'UNAUTHENTICATED' : reply.statusCode === 404 ? 'NOT_FOUND' : 'INTERNAL';
  return new ApiError(reply.statusCode, fallback, errorCatalog[fallback].message);
}

/**
 * The one way the app talks to the server: fills the path, adds the token, sends, and parses
 * the reply with the route's own response schema. On failure it shows the server's Chinese
 * message in a toast (unless `silent`) and throws an ApiError.
 */
export async function api<R extends AnyRoute>(route: R, ...rest: ArgsTuple<R>): Promise<ApiReply<R>> {
  const [args, options] = rest as [ApiArgs<AnyRoute> | undefined, ApiOptions | undefined];
  return (await toasting(call(route, args), options)) as ApiReply<R>;
}

/** Every failure becomes an ApiError, shown in a toast unless `silent`. */
async function toasting<T>(work: Promise<T>, options: ApiOptions | undefined): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const apiError =
      error instanceof ApiError ? error : new ApiError(0, 'INTERNAL', errorCatalog.INTERNAL.message, String(error));
    if (!options?.silent) showError(apiError.message);
    throw apiError;
  }
}

/**
 * An upload route (the file's bytes as the request body, e.g. a roster): the same token,
 * renewal, error toast and reply parsing as `api`.
 */
export async function apiUpload<R extends AnyRoute>(
  route: R,
  args: Omit<ApiArgs<R>, 'body'>,
  file: ArrayBuffer,
  options?: ApiOptions,
): Promise<ApiReply<R>> {
  return (await toasting(call(route, args as ApiArgs<AnyRoute>, file), options)) as ApiReply<R>;
}

/** The token a file download needs in its header (Taro.downloadFile, or fetch on H5). */
export async function fileToken(route: AnyRoute): Promise<string | null> {
  return currentToken(route);
}

async function call(route: AnyRoute, args: ApiArgs<AnyRoute> | undefined, file?: ArrayBuffer): Promise<unknown> {
  // Downloads come through Taro's file APIs, not through this JSON client; uploads through apiUpload.
  if (isFileResponse(route.response) || Boolean(route.upload) !== Boolean(file)) {
    throw new Error(`${route.path}: a file route, not for api()`);
  }
  const url = buildUrl(route, args?.params as Record<string, unknown>, args?.query as Record<string, unknown>);
  const body =
    file ?? (route.method === 'GET' ? undefined : (args?.body ?? (route.method === 'DELETE' ? undefined : {})));
  let token = await currentToken(route);
  let reply = await send(url, route.method, token, body);

  // Expired or revoked session: renew once (silently, where possible) and try again.
  if (reply.statusCode === 401 && route.auth !== 'public' && token) {
    const renewed = await renewToken();
    if (renewed && renewed !== token) {
      token = renewed;
      reply = await send(url, route.method, token, body);
    }
  }

  if (reply.statusCode < 200 || reply.statusCode >= 300) throw toError(reply);
  if (route.response === null || isFileResponse(route.response)) return undefined;

  const parsed = route.response.safeParse(reply.data);
  if (!parsed.success) {
    throw new ApiError(reply.statusCode, 'BAD_RESPONSE', clientMessages.BAD_RESPONSE, parsed.error.issues);
  }
  return parsed.data;
}
