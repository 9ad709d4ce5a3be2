import { z } from 'zod';
import * as contractModules from '../../../shared/contracts';
import { isFileResponse, type RouteContract, routeErrors } from '../../../shared/contracts/route';
import { type ErrorCode, errorCatalog } from '../../../shared/errors';

const toSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

/** The error shape, with `code` limited to the codes a response can carry. */
function errorSchema(codes: readonly ErrorCode[]) {
  return {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string', enum: codes },
          message: { type: 'string', description: 'Chinese, fit to show a resident' },
          details: { description: 'For VALIDATION_FAILED: the fields at fault, each with its message' },
        },
      },
    },
  };
}

const statusText: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found, or not yours',
  409: 'Conflict with the current state',
  413: 'Body too large',
  415: 'Unsupported body type',
  429: 'Too many attempts',
  500: 'Unexpected failure',
  503: 'Temporarily unavailable',
};

/** One response per status, listing its codes with their default Chinese message. */
function errorResponses(codes: readonly ErrorCode[]) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const { status } = errorCatalog[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, unknown> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    const lines = list.map((code) => `- \`${code}\`: ${errorCatalog[code].message}`).join('\n');
    responses[String(status)] = {
      description: `${statusText[status] ?? 'Error'}\n\n${lines}`,
      content: { 'application/json': { schema: errorSchema(list) } },
    };
  }
  return responses;
}

/**
 * operationId = the contract's export name in shared/contracts (`listCommittees`): unique,
 * stable while the export keeps its name, and what a generated client calls the method.
 */
function operationIds(): Map<RouteContract, string> {
  const ids = new Map<RouteContract, string>();
  const taken = new Map<string, string>();
  for (const [moduleName, exports] of Object.entries(contractModules)) {
    if (typeof exports !== 'object' || exports === null) continue;
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value !== 'object' || value === null || !('method' in value) || !('path' in value)) continue;
      const contract = value as RouteContract;
      if (ids.has(contract)) continue;
      const clash = taken.get(name);
      if (clash)
        throw new Error(`operationId ${name} is exported by both contracts/${clash} and contracts/${moduleName}`);
      taken.set(name, moduleName);
      ids.set(contract, name);
    }
  }
  return ids;
}

export interface OpenApiOptions {
  /** Where the API is served; relative by default, so the document fits any host it is read from. */
  servers?: Array<{ url: string; description?: string }>;
}

/** OpenAPI 3.1 (JSON Schema 2020-12) made from the mounted contracts. */
export function buildOpenApi(routes: readonly RouteContract[], options: OpenApiOptions = {}) {
  const ids = operationIds();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const operationId = ids.get(route);
    if (!operationId) {
      throw new Error(`${route.method} ${route.path}: export its contract from shared/contracts/index.ts`);
    }
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', route.params],
      ['query', route.query],
    ] as const) {
      if (!schema) continue;
      const json = toSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(json.properties ?? {})) {
        parameters.push({
          name,
          in: where,
          required: where === 'path' || (json.required ?? []).includes(name),
          schema: s,
        });
      }
    }
    const status = String(route.response === null ? 204 : (route.status ?? 200));
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
      operationId,
      summary: route.summary,
      tags: [route.tag],
      ...(route.auth === 'public'
        ? { security: [] }
        : route.auth === 'optional'
          ? { security: [{}, { bearer: [] }] }
          : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: { required: true, content: { 'application/json': { schema: toSchema(route.body, 'input') } } },
          }
        : {}),
      ...(route.upload
        ? {
            requestBody: {
              required: true,
              description: `${route.upload.description}; at most ${route.upload.maxBytes} bytes`,
              content: route.upload.multipart
                ? {
                    'multipart/form-data': {
                      schema: {
                        type: 'object',
                        required: [route.upload.multipart.field],
                        properties: { [route.upload.multipart.field]: { type: 'string', format: 'binary' } },
                      },
                    },
                  }
                : { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
            },
          }
        : {}),
      responses: {
        [status]:
          route.response === null
            ? { description: 'No content' }
            : isFileResponse(route.response)
              ? {
                  description: 'A file to download (Content-Disposition names it)',
                  content: Object.fromEntries(
                    [route.response.contentType, ...(route.response.otherTypes ?? [])].map((type) => [
                      type,
                      { schema: { type: 'string', format: 'binary' } },
                    ]),
                  ),
                }
              : { description: 'OK', content: { 'application/json': { schema: toSchema(route.response, 'output') } } },
        ...errorResponses(routeErrors(route)),
      },
      'x-auth': route.auth,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: '社区云 Community Cloud API',
      version: '0.1.0',
      description:
        'Every error reply is `{ error: { code, message, details? } }`; each operation lists the codes it can return.',
    },
    servers: options.servers ?? [{ url: '/', description: 'The server this document was read from' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
