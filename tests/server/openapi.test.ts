/**
 * GET /api/openapi.json as a client generator reads it: Redocly's recommended lint passes, and
 * openapi-typescript turns it into a typed client that compiles. Every mounted contract is in the
 * document, so a route added later is linted and compiled here without touching this file.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as contracts from '../../shared/contracts';
import { type RouteContract, routeErrors } from '../../shared/contracts/route';
import { type ErrorCode, errorCatalog } from '../../shared/errors';
import { useTestApp } from '../helpers/app';
import { createCommunity, resident, STAFF_PASSWORD, staff, wechatUser } from '../helpers/fixtures';

interface Operation {
  operationId: string;
  responses: Record<string, { content?: { 'application/json': { schema: ErrorSchema } } }>;
}
interface ErrorSchema {
  properties: { error: { properties: { code: { enum: string[] } } } };
}
interface Doc {
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
}

const t = useTestApp();
let doc: Doc;
let dir: string;

beforeAll(async () => {
  const res = await t.app.call('GET', '/api/openapi.json');
  expect(res.status).toBe(200);
  doc = res.body;
  dir = await mkdtemp(join(tmpdir(), 'openapi-'));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const operationOf = (route: RouteContract) =>
  doc.paths[route.path.replace(/:([A-Za-z]+)/g, '{$1}')][route.method.toLowerCase()];

/** The contract's export name in shared/contracts. */
function exportName(route: RouteContract): string | undefined {
  for (const module of Object.values(contracts)) {
    if (typeof module !== 'object' || module === null) continue;
    for (const [name, value] of Object.entries(module)) if (value === route) return name;
  }
  return undefined;
}

/** The codes the document lists for one status of one operation. */
function documentedCodes(operation: Operation, status: number): string[] {
  return (
    operation.responses[String(status)]?.content?.['application/json'].schema.properties.error.properties.code.enum ??
    []
  );
}

function byStatus(codes: readonly ErrorCode[]) {
  const map = new Map<number, ErrorCode[]>();
  for (const code of codes) map.set(errorCatalog[code].status, [...(map.get(errorCatalog[code].status) ?? []), code]);
  return map;
}

describe('GET /api/openapi.json for client generators', () => {
  it('names every operation after its contract: unique, URL-safe, the export name in shared/contracts', () => {
    const seen = new Set<string>();
    for (const route of t.app.routes) {
      const { operationId } = operationOf(route);
      expect(operationId).toMatch(/^[a-z][A-Za-z0-9]*$/);
      expect(operationId).toBe(exportName(route));
      expect(seen).not.toContain(operationId);
      seen.add(operationId);
    }
    expect(operationOf(contracts.committees.listCommittees).operationId).toBe('listCommittees');
    expect(operationOf(contracts.auth.passwordSignIn).operationId).toBe('passwordSignIn');
  });

  it('says where the API is served', () => {
    expect(doc.servers.length).toBeGreaterThan(0);
    expect(doc.servers[0].url).toBe('/');
  });

  it('documents each operation’s error replies by status, with the error shape and only that status’s codes', () => {
    for (const route of t.app.routes) {
      const operation = operationOf(route);
      const expected = byStatus(routeErrors(route));
      const errorStatuses = Object.keys(operation.responses)
        .map(Number)
        .filter((s) => s >= 400);
      expect(errorStatuses.sort(), exportName(route)).toEqual([...expected.keys()].sort());
      for (const [status, codes] of expected) {
        expect(documentedCodes(operation, status).sort(), `${exportName(route)} ${status}`).toEqual([...codes].sort());
      }
    }
  });

  it('adds the errors that follow from a contract’s shape and level to its own', () => {
    const op = (route: RouteContract) => operationOf(route);
    // Input means 400; a body also means malformed JSON and 413.
    expect(documentedCodes(op(contracts.committees.listDistricts), 400)).toEqual([]);
    expect(documentedCodes(op(contracts.committees.listCommittees), 400)).toEqual(['VALIDATION_FAILED']);
    expect(documentedCodes(op(contracts.admin.createDistrict), 400).sort()).toEqual([
      'MALFORMED_JSON',
      'VALIDATION_FAILED',
    ]);
    expect(documentedCodes(op(contracts.admin.createDistrict), 413)).toEqual(['PAYLOAD_TOO_LARGE']);
    // Signing in is needed from `user` up; staff routes add 403 and 404, admin routes 403.
    expect(documentedCodes(op(contracts.committees.getCommittee), 401)).toEqual([]);
    expect(documentedCodes(op(contracts.auth.getMe), 401).sort()).toEqual(['SESSION_EXPIRED', 'UNAUTHENTICATED']);
    expect(documentedCodes(op(contracts.memberships.approveMembership), 403)).toEqual(['FORBIDDEN']);
    expect(documentedCodes(op(contracts.memberships.approveMembership), 404)).toEqual(['NOT_FOUND']);
    expect(documentedCodes(op(contracts.memberships.approveMembership), 409)).toEqual(['INVALID_STATE']);
    expect(documentedCodes(op(contracts.admin.listStaff), 403)).toEqual(['FORBIDDEN']);
    // The route's own codes.
    expect(documentedCodes(op(contracts.auth.passwordSignIn), 401)).toEqual(['BAD_CREDENTIALS']);
    expect(documentedCodes(op(contracts.auth.passwordSignIn), 429).sort()).toEqual(['ACCOUNT_LOCKED', 'RATE_LIMITED']);
    for (const route of t.app.routes) expect(documentedCodes(op(route), 500)).toEqual(['INTERNAL']);
  });

  it('documents the errors the server really answers with', async () => {
    const community = await createCommunity(t.app, '接口文档社区');
    const user = await wechatUser(t.app);
    const member = await resident(t.app, community);
    const admin = await staff(t.app, { admin: true });
    const moderator = await staff(t.app, { community });
    const cases: Array<{
      route: RouteContract;
      status: number;
      code: ErrorCode;
      call: () => ReturnType<typeof t.app.call>;
    }> = [
      {
        route: contracts.committees.getCommittee,
        status: 404,
        code: 'NOT_FOUND',
        call: () => t.app.call('GET', '/api/committees/999999'),
      },
      {
        route: contracts.auth.passwordSignIn,
        status: 401,
        code: 'BAD_CREDENTIALS',
        call: () =>
          t.app.call('POST', '/api/auth/password', {
            body: { username: moderator.username, password: `${STAFF_PASSWORD}!` },
          }),
      },
      {
        route: contracts.auth.wechatSignIn,
        status: 400,
        code: 'MALFORMED_JSON',
        call: () => t.app.call('POST', '/api/auth/wechat', { raw: '{"code":' }),
      },
      { route: contracts.auth.getMe, status: 401, code: 'UNAUTHENTICATED', call: () => t.app.call('GET', '/api/me') },
      {
        route: contracts.admin.createDistrict,
        status: 403,
        code: 'FORBIDDEN',
        call: () => t.app.call('POST', '/api/admin/districts', { token: user.token, body: { name: '无权新区' } }),
      },
      {
        route: contracts.admin.createDistrict,
        status: 409,
        code: 'DUPLICATE',
        call: async () => {
          await t.app.call('POST', '/api/admin/districts', { token: admin.token, body: { name: '重名新区' } });
          return t.app.call('POST', '/api/admin/districts', { token: admin.token, body: { name: '重名新区' } });
        },
      },
      {
        route: contracts.committees.updateCommittee,
        status: 404,
        code: 'NOT_FOUND',
        call: () =>
          t.app.call('PATCH', `/api/committees/${community.id}`, { token: user.token, body: { intro: '试' } }),
      },
      {
        route: contracts.committees.updateCommittee,
        status: 403,
        code: 'FORBIDDEN',
        call: () =>
          t.app.call('PATCH', `/api/committees/${community.id}`, { token: member.token, body: { intro: '试' } }),
      },
      {
        route: contracts.privacy.deleteMyAccount,
        status: 403,
        code: 'FORBIDDEN',
        call: () => t.app.call('POST', '/api/me/delete', { token: moderator.token, body: { confirm: '删除' } }),
      },
      {
        route: contracts.memberships.redeemInvitation,
        status: 409,
        code: 'INVITATION_INVALID',
        call: () =>
          t.app.call('POST', '/api/invitations/redeem', {
            token: user.token,
            body: { code: 'NOSUCH88', realName: '王秀英' },
          }),
      },
      {
        route: contracts.memberships.leaveMembership,
        status: 404,
        code: 'NOT_FOUND',
        call: () => t.app.call('POST', '/api/memberships/999999/leave', { token: user.token }),
      },
      {
        route: contracts.memberships.joinCommunity,
        status: 409,
        code: 'ALREADY_MEMBER',
        call: () =>
          t.app.call('POST', `/api/committees/${community.id}/join`, {
            token: member.token,
            body: { householdId: community.householdIds[1], realName: '王秀英' },
          }),
      },
    ];
    for (const c of cases) {
      const res = await c.call();
      expect([res.status, res.body?.error?.code], exportName(c.route)).toEqual([c.status, c.code]);
      expect(documentedCodes(operationOf(c.route), c.status), exportName(c.route)).toContain(c.code);
    }
  });

  it('passes Redocly’s recommended lint with no errors', async () => {
    const file = join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(doc, null, 2));
    const report = await redoclyLint(file);
    const problems = report.problems.map((p) => ({
      rule: p.ruleId,
      severity: p.severity,
      at: p.location[0]?.pointer,
      message: p.message,
    }));
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    // Warnings we accept, each for a reason:
    // - info-license: the project is private; there is no licence to state.
    // - operation-4xx-response on operations that have no client error to document: public
    //   reads without any input (health, the district list). Inventing a 4xx would mislead.
    const without4xx = t.app.routes
      .filter(
        (r) => !routeErrors(r).some((code) => errorCatalog[code].status < 500 && errorCatalog[code].status >= 400),
      )
      .map(
        (r) =>
          `#/paths/${r.path.replace(/:([A-Za-z]+)/g, '{$1}').replaceAll('/', '~1')}/${r.method.toLowerCase()}/responses`,
      );
    expect(without4xx.length).toBeLessThan(5);
    const unexpected = problems.filter(
      (p) =>
        p.severity !== 'error' &&
        !(p.rule === 'info-license' && p.at === '#/info') &&
        !(p.rule === 'operation-4xx-response' && without4xx.includes(p.at ?? '')),
    );
    expect(unexpected).toEqual([]);
  }, 60_000);

  it('generates a typed client with openapi-typescript that compiles, with error codes narrowed per status', async () => {
    const source = astToString(await openapiTS(doc as unknown as Parameters<typeof openapiTS>[0]));
    await writeFile(join(dir, 'api.ts'), source);
    await writeFile(
      join(dir, 'use.ts'),
      `import type { operations, paths } from './api';
type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Committees = Json<operations['listCommittees']['responses'][200]>;
export const name: Committees['items'][number]['name'] = '梧桐里居委会';
type SignInRefused = Json<operations['passwordSignIn']['responses'][401]>;
export const code: SignInRefused['error']['code'] = 'BAD_CREDENTIALS';
// @ts-expect-error NOT_FOUND is not one of passwordSignIn's 401 codes
export const wrong: SignInRefused['error']['code'] = 'NOT_FOUND';
export const body: operations['createCommunity']['requestBody']['content']['application/json'] = {
  streetId: 1,
  name: '梧桐里居委会',
  address: '梧桐路1号',
};
export const path: keyof paths = '/api/committees/{communityId}';
`,
    );
    const program = ts.createProgram([join(dir, 'use.ts')], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts'],
      types: [],
      skipLibCheck: false,
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(diagnostics).toEqual([]);
    expect(source).toContain('listCommittees: {');
  }, 60_000);
});

interface RedoclyReport {
  totals: { errors: number; warnings: number };
  problems: Array<{ ruleId: string; severity: 'error' | 'warn'; message: string; location: { pointer?: string }[] }>;
}

/** Runs the Redocly CLI (as installed) on a file, recommended rules, no telemetry. */
function redoclyLint(file: string): Promise<RedoclyReport> {
  const cli = join(dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cli, 'lint', file, '--format=json', '--extends=recommended', '--max-problems=1000'],
      {
        cwd: dirname(file),
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        try {
          resolve(JSON.parse(stdout) as RedoclyReport);
        } catch {
          reject(new Error(`redocly lint gave no report: ${error?.message ?? ''}\n${stderr}`));
        }
      },
    );
  });
}
