import type Router from '@koa/router';
import type { Context } from 'koa';
import type { z } from 'zod';
import { type FileResponse, isFileResponse, type RouteAuth, type RouteContract } from '../../shared/contracts/route';
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
    ? {
        params: z.infer<P>;
        query: z.infer<Q>;
        body: z.infer<B>;
        file: C extends { upload: object } ? Buffer : undefined;
      }
    : never;
/** What a handler returns for a file reply: the bytes and the name the download gets. */
export interface FileReply {
  filename: string;
  bytes: Uint8Array;
}
type Output<C> = C extends { response: FileResponse }
  ? FileReply
  : C extends RouteContract<z.ZodType, z.ZodType, z.ZodType, infer R>
    ? z.input<R>
    : never;
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
 * The raw bytes of an upload route's body, at most `maxBytes` (413 beyond, told by the
 * Content-Length before anything is read, or counted while reading). A JSON body was already
 * read by the body parser, and a multipart form would need a parser of its own: the file comes
 * as the body itself, with any other content type.
 */
async function readUpload(koa: Context, maxBytes: number): Promise<Buffer> {
  if (koa.request.is('json', 'multipart')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请把文件本身作为请求内容上传，不要放在 JSON 或表单里');
  }
  const declared = Number(koa.get('content-length'));
  if (declared > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', tooLarge(maxBytes));
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of koa.req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      // Stop reading; the reply closes the connection rather than draining the rest.
      koa.set('Connection', 'close');
      throw new AppError('PAYLOAD_TOO_LARGE', tooLarge(maxBytes));
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}

const tooLarge = (maxBytes: number) => `文件太大了，最大${Math.round(maxBytes / 1024 / 1024)}MB`;

/** A download: its type from the contract, its name (Chinese allowed) in Content-Disposition. */
function sendFile(koa: Context, contentType: string, reply: FileReply) {
  koa.status = 200;
  koa.type = contentType;
  const ascii = reply.filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  koa.set(
    'Content-Disposition',
    `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(reply.filename)}`,
  );
  koa.set('Cache-Control', 'no-store');
  // Spreadsheets and archives are compressed already.
  koa.compress = false;
  koa.body = Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength);
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
    const file = contract.upload ? await readUpload(koa, contract.upload.maxBytes) : undefined;
    const ctx: ServiceContext = {
      deps,
      actor,
      requestId: koa.state.requestId,
      origin: { ip: koa.ip, userAgent: koa.get('user-agent') || null, sessionId: auth?.sessionId ?? null },
    };
    const result = await handler({ params, query, body, file } as unknown as Input<C>, ctx as ContextFor<C>);
    if (contract.response === null) {
      koa.status = 204;
      return;
    }
    if (isFileResponse(contract.response)) {
      sendFile(koa, contract.response.contentType, result as FileReply);
      return;
    }
    koa.status = contract.status ?? 200;
    koa.body = contract.response.parse(result);
  });
}
