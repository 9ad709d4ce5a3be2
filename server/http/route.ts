import type { Readable } from 'node:stream';
import type Router from '@koa/router';
import busboy from 'busboy';
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
        /** The file's name as a multipart form gave it (null for a raw body). */
        fileName: C extends { upload: object } ? string | null : undefined;
      }
    : never;
/** What a handler returns for a file reply: the bytes (or a stream of them) and the name the download gets. */
export type FileReply = FileReplyHead & ({ bytes: Uint8Array } | { stream: Readable });

interface FileReplyHead {
  filename: string;
  /** One of the contract's types (its `contentType` when unset). */
  contentType?: string;
  /** Shown in place (an image) rather than downloaded. */
  inline?: boolean;
  /** The Cache-Control header; `no-store` when unset. */
  cacheControl?: string;
  /** A strong validator: an If-None-Match naming it gets 304. */
  etag?: string;
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
async function readRawUpload(koa: Context, maxBytes: number): Promise<Buffer> {
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

/** Room for a form's boundaries and part headers around the file. */
const FORM_OVERHEAD = 16 * 1024;

/**
 * One file field of a multipart/form-data body (what Taro.uploadFile sends), parsed as it
 * streams with busboy: at most `maxBytes` of file (413 as soon as it is passed, without
 * reading the rest), other fields and files skipped.
 */
function readFormUpload(
  koa: Context,
  maxBytes: number,
  field: string,
): Promise<{ bytes: Buffer; name: string | null }> {
  if (!koa.request.is('multipart')) {
    return Promise.reject(new AppError('UNSUPPORTED_MEDIA_TYPE', '请用表单上传文件'));
  }
  if (Number(koa.get('content-length')) > maxBytes + FORM_OVERHEAD) {
    return Promise.reject(new AppError('PAYLOAD_TOO_LARGE', tooLarge(maxBytes)));
  }
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: koa.req.headers,
        defParamCharset: 'utf8',
        limits: { fileSize: maxBytes, files: 5, fields: 20, fieldSize: 4096, parts: 30 },
      });
    } catch {
      reject(new AppError('BAD_REQUEST', '上传的表单不完整，请重新上传'));
      return;
    }
    let found: { bytes: Buffer; name: string | null } | null = null;
    let settled = false;
    const fail = (error: AppError) => {
      if (settled) return;
      settled = true;
      koa.req.unpipe(parser);
      // Stop reading; the reply closes the connection rather than draining the rest.
      koa.set('Connection', 'close');
      reject(error);
    };
    parser.on('file', (name, stream, info) => {
      if (name !== field || found) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => fail(new AppError('PAYLOAD_TOO_LARGE', tooLarge(maxBytes))));
      stream.on('end', () => {
        found = { bytes: Buffer.concat(chunks), name: info.filename || null };
      });
    });
    parser.on('error', () => fail(new AppError('BAD_REQUEST', '上传的表单不完整，请重新上传')));
    parser.on('close', () => {
      if (settled) return;
      settled = true;
      if (found) resolve(found);
      else
        reject(
          new AppError('VALIDATION_FAILED', '请选择要上传的文件', [
            { in: 'body', path: field, message: '请选择要上传的文件' },
          ]),
        );
    });
    koa.req.on('error', () => fail(new AppError('BAD_REQUEST', '上传的表单不完整，请重新上传')));
    koa.req.pipe(parser);
  });
}

const tooLarge = (maxBytes: number) => `文件太大了，最大${Math.round(maxBytes / 1024 / 1024)}MB`;

/** A file reply: its type from the contract, its name (Chinese allowed) in Content-Disposition. */
function sendFile(koa: Context, response: FileResponse, reply: FileReply) {
  const contentType = reply.contentType ?? response.contentType;
  if (contentType !== response.contentType && !response.otherTypes?.includes(contentType)) {
    throw new Error(`file reply of type ${contentType} not in the contract`);
  }
  koa.set('Cache-Control', reply.cacheControl ?? 'no-store');
  if (reply.etag) {
    koa.set('ETag', `"${reply.etag}"`);
    if (koa.get('if-none-match') === `"${reply.etag}"`) {
      if ('stream' in reply) reply.stream.destroy();
      koa.status = 304;
      return;
    }
  }
  koa.status = 200;
  koa.type = contentType;
  const ascii = reply.filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  koa.set(
    'Content-Disposition',
    `${reply.inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(reply.filename)}`,
  );
  // Spreadsheets, archives, JPEGs and PDFs are compressed already.
  koa.compress = false;
  koa.body =
    'stream' in reply ? reply.stream : Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength);
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
  if (auth === 'staff' || auth === 'handler') {
    const communityId = (params as { communityId?: number } | undefined)?.communityId;
    // `handler` routes (小事快办 work) also let a property company's handler in; the
    // service then checks each report's route.
    requireAllowed(actor, auth === 'staff' ? 'moderate:community' : 'handle:matters', { communityId });
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
  const communityRoute = contract.auth === 'staff' || contract.auth === 'handler';
  if (communityRoute && !contract.path.includes(':communityId')) {
    throw new Error(`${contract.method} ${contract.path}: a ${contract.auth} route must name its community`);
  }
  registry.push(contract);
  const method = contract.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  router[method](contract.path, async (koa) => {
    const auth = contract.auth === 'public' ? null : await authenticate(koa, contract.auth !== 'optional');
    const actor = auth?.actor ?? null;
    koa.state.userId = actor?.userId;
    if (!communityRoute) gate(contract.auth, actor, undefined);
    const params = parse(contract.params, koa.params, 'path');
    if (communityRoute) gate(contract.auth, actor, params);
    const query = parse(contract.query, koa.query, 'query');
    const rawBody = (koa.request as { body?: unknown }).body;
    const body = parse(contract.body, contract.body && rawBody === undefined ? {} : rawBody, 'body');
    const upload = contract.upload
      ? contract.upload.multipart
        ? await readFormUpload(koa, contract.upload.maxBytes, contract.upload.multipart.field)
        : { bytes: await readRawUpload(koa, contract.upload.maxBytes), name: null }
      : undefined;
    const ctx: ServiceContext = {
      deps,
      actor,
      requestId: koa.state.requestId,
      origin: { ip: koa.ip, userAgent: koa.get('user-agent') || null, sessionId: auth?.sessionId ?? null },
    };
    const result = await handler(
      { params, query, body, file: upload?.bytes, fileName: upload?.name } as unknown as Input<C>,
      ctx as ContextFor<C>,
    );
    if (contract.response === null) {
      koa.status = 204;
      return;
    }
    if (isFileResponse(contract.response)) {
      sendFile(koa, contract.response, result as FileReply);
      return;
    }
    koa.status = contract.status ?? 200;
    koa.body = contract.response.parse(result);
  });
}
