import type { z } from 'zod';
import type { ErrorCode } from '../errors';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route at all. Finer rules (which community, which role) live in
 * the server's policy module; this only tells the client and the OpenAPI document
 * whether a token is needed.
 */
export type RouteAuth = 'public' | 'optional' | 'user' | 'staff' | 'handler' | 'admin';

/**
 * A reply that is a file (a spreadsheet template, an export), not JSON: the handler returns
 * its bytes and name, `mount` sends them with this content type as a download.
 */
export interface FileResponse {
  kind: 'file';
  contentType: string;
  /** Other types the handler may send instead (it names one in its reply). */
  otherTypes?: readonly string[];
}

export const fileResponse = (contentType: string, otherTypes?: readonly string[]): FileResponse => ({
  kind: 'file',
  contentType,
  ...(otherTypes ? { otherTypes } : {}),
});

export function isFileResponse(response: RouteContract['response']): response is FileResponse {
  return response !== null && (response as Partial<FileResponse>).kind === 'file';
}

/**
 * A request whose body is one file, not a JSON body: the JSON limit stays small for every
 * other route, and the file is not inflated by base64. By default the file is the raw body
 * (any content type but JSON); with `multipart` it is one field of a multipart/form-data
 * form (what Taro.uploadFile and an H5 form send). `mount` refuses more than `maxBytes`
 * with 413 and hands the bytes (and, from a form, the file's name) to the handler.
 */
export interface FileUpload {
  maxBytes: number;
  /** What the OpenAPI document says the file may be. */
  description: string;
  /** The file comes as this field of a multipart/form-data form; other fields are ignored. */
  multipart?: { field: string };
}

export interface RouteContract<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  path: string;
  summary: string;
  tag: string;
  auth: RouteAuth;
  params?: P;
  query?: Q;
  body?: B;
  /** `null` means 204 No Content; a FileResponse, a download (see defineFileRoute). */
  response: R | null | FileResponse;
  /** The body is a raw file instead of JSON (no `body` schema then). */
  upload?: FileUpload;
  status?: number;
  /**
   * Error codes the route's own rules can answer with (a missing object, a conflict, a
   * closed vote…). Those that follow from the contract itself are added by `routeErrors`:
   * bad input, not signed in, not staff of that community.
   */
  errors?: readonly ErrorCode[];
}

export function defineRoute<
  P extends z.ZodType = z.ZodNever,
  Q extends z.ZodType = z.ZodNever,
  B extends z.ZodType = z.ZodNever,
  R extends z.ZodType = z.ZodNever,
>(route: RouteContract<P, Q, B, R>): RouteContract<P, Q, B, R> {
  return route;
}

/** A route whose reply is a file: the handler returns `{ filename, bytes }`. */
export function defineFileRoute<P extends z.ZodType = z.ZodNever, Q extends z.ZodType = z.ZodNever>(
  route: Omit<RouteContract<P, Q, z.ZodNever, z.ZodNever>, 'response' | 'body' | 'upload'> & { response: FileResponse },
): RouteContract<P, Q, z.ZodNever, z.ZodNever> & { response: FileResponse } {
  return route;
}

/** A route whose body is one raw file: the handler gets its bytes as `file`. */
export function defineUploadRoute<
  P extends z.ZodType = z.ZodNever,
  Q extends z.ZodType = z.ZodNever,
  R extends z.ZodType = z.ZodNever,
>(
  route: Omit<RouteContract<P, Q, z.ZodNever, R>, 'body' | 'upload'> & { upload: FileUpload },
): RouteContract<P, Q, z.ZodNever, R> & { upload: FileUpload } {
  return route;
}

/**
 * Every error code a route can answer with: its own (`errors`) plus those its shape implies.
 * The OpenAPI document lists these per operation.
 */
export function routeErrors(route: RouteContract): ErrorCode[] {
  const codes = new Set<ErrorCode>();
  if (route.params || route.query || route.body) codes.add('VALIDATION_FAILED');
  // The body parser's refusals (a JSON route never answers UNSUPPORTED_MEDIA_TYPE: any body is
  // read as UTF-8 JSON, and one of another type arrives as no body; upload routes do, below).
  if (route.body) {
    codes.add('MALFORMED_JSON');
    codes.add('PAYLOAD_TOO_LARGE');
  }
  // A file is the body itself: JSON or a multipart form is 415 (and JSON is read, and may be
  // refused, by the JSON parser first). A form upload refuses anything but a form, a form it
  // cannot read (BAD_REQUEST) and one without the file (VALIDATION_FAILED).
  if (route.upload?.multipart)
    for (const code of [
      'PAYLOAD_TOO_LARGE',
      'UNSUPPORTED_MEDIA_TYPE',
      'MALFORMED_JSON',
      'BAD_REQUEST',
      'VALIDATION_FAILED',
    ] as const)
      codes.add(code);
  else if (route.upload)
    for (const code of ['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'MALFORMED_JSON'] as const) codes.add(code);
  if (route.auth === 'user' || route.auth === 'staff' || route.auth === 'handler' || route.auth === 'admin') {
    codes.add('UNAUTHENTICATED');
    codes.add('SESSION_EXPIRED');
  }
  // Not this community's moderator: 404 to a stranger, 403 to one of its residents.
  if (route.auth === 'staff' || route.auth === 'handler') {
    codes.add('FORBIDDEN');
    codes.add('NOT_FOUND');
  }
  if (route.auth === 'admin') codes.add('FORBIDDEN');
  for (const code of route.errors ?? []) codes.add(code);
  codes.add('INTERNAL');
  return [...codes];
}

export type ParamsOf<T> = T extends RouteContract<infer P, z.ZodType, z.ZodType, z.ZodType> ? z.infer<P> : never;
export type QueryOf<T> = T extends RouteContract<z.ZodType, infer Q, z.ZodType, z.ZodType> ? z.input<Q> : never;
export type BodyOf<T> = T extends RouteContract<z.ZodType, z.ZodType, infer B, z.ZodType> ? z.input<B> : never;
export type ReplyOf<T> = T extends RouteContract<z.ZodType, z.ZodType, z.ZodType, infer R> ? z.infer<R> : never;

/** Fills `:name` segments of a route path. */
export function fillPath(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}
