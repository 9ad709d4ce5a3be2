/**
 * Every field a client can type into, in every mounted contract (path, query and body, nested
 * objects and arrays included), refuses NUL, a lone surrogate, a direction override and
 * zero-width-only text with 400 VALIDATION_FAILED and a Chinese message: first against the
 * schema, then over HTTP. A route added later is walked the same way without touching this file.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RouteContract } from '../../shared/contracts/route';
import { isChinese } from '../../shared/errors';
import { textMessages } from '../../shared/text';
import { useTestApp } from '../helpers/app';
import { type CommunityFixture, createCommunity, STAFF_PASSWORD, staff } from '../helpers/fixtures';

type Where = 'path' | 'query' | 'body';
type Key = string | number;

interface Leaf {
  route: RouteContract;
  where: Where;
  path: Key[];
  /** The field's own schema, with its optional/nullable/default wrappers. */
  field: z.ZodType;
  /** text: a string schema (must be one of shared/text's); choice: an enum or literal; number: read from a string. */
  kind: 'text' | 'choice' | 'number';
}

/** The parts of zod's internal definition the walk reads. */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
  valueType?: z.ZodType;
  items?: z.ZodType[];
  getter?: () => z.ZodType;
  entries?: Record<string, string | number>;
  values?: unknown[];
  coerce?: boolean;
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

const wrappers = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

/** The schema under its optional/nullable/default wrappers. */
function coreOf(schema: z.ZodType): z.ZodType {
  while (wrappers.has(defOf(schema).type)) schema = defOf(schema).innerType as z.ZodType;
  return schema;
}

function walk(
  route: RouteContract,
  where: Where,
  schema: z.ZodType,
  path: Key[],
  field: z.ZodType,
  out: Leaf[],
  depth = 0,
): void {
  if (depth > 20) throw new Error(`${route.method} ${route.path}: schema nests too deep to walk`);
  const def = defOf(schema);
  const next = (s: z.ZodType, p: Key[], f: z.ZodType): void => walk(route, where, s, p, f, out, depth + 1);
  const push = (kind: Leaf['kind']) => out.push({ route, where, path, field, kind });
  if (wrappers.has(def.type)) {
    next(def.innerType as z.ZodType, path, field);
    return;
  }
  switch (def.type) {
    case 'object':
      for (const [key, value] of Object.entries(def.shape ?? {})) next(value, [...path, key], value);
      break;
    case 'array':
      next(def.element as z.ZodType, [...path, 0], def.element as z.ZodType);
      break;
    case 'tuple':
      for (const [i, item] of (def.items ?? []).entries()) next(item, [...path, i], item);
      break;
    case 'record':
      next(def.valueType as z.ZodType, [...path, 'key'], def.valueType as z.ZodType);
      break;
    case 'union':
      // Each option is checked on its own (issues of a failed union nest under it).
      for (const option of def.options ?? []) next(option, path, option);
      break;
    case 'intersection':
      next(def.left as z.ZodType, path, field);
      next(def.right as z.ZodType, path, field);
      break;
    case 'pipe':
      next(def.in as z.ZodType, path, field);
      break;
    case 'lazy':
      next((def.getter as () => z.ZodType)(), path, field);
      break;
    case 'string':
      push('text');
      break;
    case 'enum':
      push('choice');
      break;
    case 'literal':
      if (def.values?.some((v) => typeof v === 'string')) push('choice');
      break;
    case 'number':
      // Path and query values arrive as text even where the contract reads a number.
      if (where !== 'body' && def.coerce) push('number');
      break;
  }
}

function leavesOf(routes: readonly RouteContract[]): Leaf[] {
  const out: Leaf[] = [];
  for (const route of routes) {
    for (const [where, schema] of [
      ['path', route.params],
      ['query', route.query],
      ['body', route.body],
    ] as const) {
      if (schema) walk(route, where, schema, [], schema, out);
    }
  }
  return out;
}

/** A value each kind of field accepts; the first one the field takes is used. */
const candidates = [
  '测试文字',
  '测试居委会名称',
  'correct horse battery',
  '13800138000',
  'WUTONG88',
  'staff_one',
  '08:30',
  '2025-10-01',
  '2026-12',
  'LY-001',
  `${'0'.repeat(64)}.jpg`,
];

function sampleFor(leaf: Leaf): string {
  if (leaf.kind === 'number') return '1';
  if (leaf.kind === 'choice') {
    const def = defOf(coreOf(leaf.field));
    return String(Object.values(def.entries ?? {})[0] ?? def.values?.[0]);
  }
  const value = candidates.find((c) => leaf.field.safeParse(c).success);
  if (!value) throw new Error(`${describeLeaf(leaf)}: add a valid sample to the candidates`);
  return value;
}

const middle = (sample: string, bad: string) => {
  const chars = [...sample];
  const at = Math.ceil(chars.length / 2);
  return [...chars.slice(0, at), bad, ...chars.slice(at)].join('');
};

/** The four probes, each with the message a text field answers with. */
const probes = [
  { name: 'NUL', make: (s: string) => middle(s, '\u0000'), message: textMessages.control },
  { name: 'a lone surrogate', make: (s: string) => middle(s, '\ud800'), message: textMessages.surrogate },
  { name: 'a right-to-left override', make: (s: string) => middle(s, '\u202e'), message: textMessages.bidi },
  { name: 'zero-width spaces only', make: () => '\u200b\u200b\u200b', message: textMessages.invisible },
] as const;

/** More refusals, checked against the schema only. */
const moreProbes = [
  { name: 'DEL', make: (s: string) => middle(s, '\u007f'), message: textMessages.control },
  { name: 'a C1 control (NEL)', make: (s: string) => middle(s, '\u0085'), message: textMessages.control },
  { name: 'a lone low surrogate', make: (s: string) => middle(s, '\udc00'), message: textMessages.surrogate },
  { name: 'a first-strong isolate', make: (s: string) => middle(s, '\u2068'), message: textMessages.bidi },
  { name: 'a right-to-left mark', make: (s: string) => middle(s, '\u200f'), message: textMessages.bidi },
  { name: 'zero-width joiners only', make: () => '\u200d\u200d', message: textMessages.invisible },
  { name: 'Hangul fillers only', make: () => '\u3164\u3164', message: textMessages.invisible },
] as const;

/** Passwords (shared/text's secret()) are documented as `format: password`. */
function isSecret(leaf: Leaf) {
  return z.globalRegistry.get(coreOf(leaf.field))?.format === 'password';
}

function describeLeaf(leaf: Leaf) {
  return `${leaf.route.method} ${leaf.route.path} ${leaf.where}.${leaf.path.join('.')}`;
}

/** An input holding `value` at `path` and nothing else. */
function inputWith(path: Key[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (typeof head === 'number') return [inputWith(rest, value)];
  return { [head]: inputWith(rest, value) };
}

const samePath = (a: readonly PropertyKey[], b: readonly Key[]) => a.map(String).join('.') === b.map(String).join('.');

const t = useTestApp();
let leaves: Leaf[];

beforeAll(() => {
  leaves = leavesOf(t.app.routes);
});

describe('the walk over the mounted contracts', () => {
  it('finds the text fields of every contract, nested ones included', () => {
    const names = new Set(leaves.map(describeLeaf));
    for (const expected of [
      'GET /api/committees query.q',
      'POST /api/auth/password body.username',
      'POST /api/auth/password body.password',
      'POST /api/auth/wechat body.code',
      'POST /api/committees/:communityId/join body.realName',
      'POST /api/committees/:communityId/join body.phone',
      'POST /api/invitations/redeem body.code',
      'POST /api/committees/:communityId/memberships/:membershipId/reject body.reason',
      'PATCH /api/committees/:communityId body.staff.0.name',
      'PATCH /api/committees/:communityId body.officeHours.weekly.0.periods.0.start',
      'PATCH /api/committees/:communityId body.officeHours.exceptions.0.note',
      'PATCH /api/committees/:communityId body.officeHours.exceptions.0.date',
      'POST /api/admin/communities body.intro',
      'POST /api/admin/staff body.password',
      'GET /api/committees/:communityId/memberships query.status',
      'GET /api/admin/audit query.action',
      'POST /api/me/delete body.confirm',
      'GET /api/committees/:communityId path.communityId',
    ]) {
      expect(names).toContain(expected);
    }
    expect(leaves.filter((l) => l.kind === 'text').length).toBeGreaterThan(30);
  });
});

describe('every field refuses odd text (against the schema)', () => {
  it('each text field takes a sample, and Chinese with emoji and punctuation where it takes free text', () => {
    for (const leaf of leaves) {
      const sample = sampleFor(leaf);
      expect(leaf.field.safeParse(sample).success, describeLeaf(leaf)).toBe(true);
      if (leaf.kind === 'text' && sample === candidates[0]) {
        const good = '王秀英🎉，好！';
        expect(leaf.field.safeParse(good).data, describeLeaf(leaf)).toBe(good);
        // NFC: an accent typed as two code points is stored as one; a password is kept as typed.
        const decomposed = 'Cafe\u0301区';
        const expected = isSecret(leaf) ? decomposed : 'Café区';
        expect(leaf.field.safeParse(decomposed).data, describeLeaf(leaf)).toBe(expected);
      }
    }
  });

  for (const probe of [...probes, ...moreProbes]) {
    it(`${probe.name}: every field refuses it with a Chinese message, at the field's own path`, () => {
      for (const leaf of leaves) {
        const bad = probe.make(sampleFor(leaf));
        const own = leaf.field.safeParse(bad);
        expect(own.success, `${describeLeaf(leaf)} took ${JSON.stringify(bad)}`).toBe(false);
        const message = own.error?.issues[0]?.message ?? '';
        // A text field answers with the shared message; a choice or a number with its own Chinese one.
        if (leaf.kind === 'text') expect(message, describeLeaf(leaf)).toBe(probe.message);
        else expect(isChinese(message), `${describeLeaf(leaf)}: ${message}`).toBe(true);

        // The whole contract schema reports it at the field's path (nothing upstream swallows it).
        const schema = (
          leaf.where === 'path' ? leaf.route.params : leaf.where === 'query' ? leaf.route.query : leaf.route.body
        ) as z.ZodType;
        const whole = schema.safeParse(inputWith(leaf.path, bad));
        expect(whole.success, describeLeaf(leaf)).toBe(false);
        const atField = whole.error?.issues.find((i) => samePath(i.path, leaf.path));
        expect(atField?.message, describeLeaf(leaf)).toBe(message);
      }
    });
  }
});

describe('every field refuses odd text (over HTTP)', () => {
  let community: CommunityFixture;
  let adminToken: string;

  beforeAll(async () => {
    community = await createCommunity(t.app, '文字检查社区');
    adminToken = (await staff(t.app, { admin: true })).token;
  });

  /** A request to the leaf's route with `value` in the leaf's place; admins pass every gate. */
  function request(leaf: Leaf, value: string) {
    const route = leaf.route;
    let path = route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
      if (leaf.where === 'path' && leaf.path[0] === name) return encodeURIComponent(value);
      // Another text or choice parameter of the path (a file name, a kind) gets its valid sample; ids get 1.
      const other = leavesOf([route]).find(
        (l) => l.where === 'path' && l.path[0] === name && (l.kind === 'text' || l.kind === 'choice'),
      );
      if (other) return encodeURIComponent(sampleFor(other));
      return String(name === 'communityId' ? community.id : 1);
    });
    // Required query fields other than the one probed get their valid samples, so that the
    // probe is what fails (a body probe of a route whose query is required, e.g. WeChat's push).
    const query = new URLSearchParams();
    for (const other of leavesOf([route])) {
      if (other.where !== 'query' || other.path.join('.') === leaf.path.join('.')) continue;
      if (!other.field.safeParse(undefined).success) query.set(String(other.path[0]), sampleFor(other));
    }
    if (leaf.where === 'query') query.set(String(leaf.path[0]), value);
    if ([...query.keys()].length > 0) path += `?${query.toString()}`;
    const token = route.auth === 'public' || route.auth === 'optional' ? null : adminToken;
    const body = leaf.where === 'body' ? inputWith(leaf.path, value) : route.body ? {} : undefined;
    return t.app.call(route.method, path, { token, body });
  }

  it('each probe in each field is a 400 VALIDATION_FAILED naming the field, with a Chinese message, and writes nothing', async () => {
    const count = async () => {
      const [row] = await t.app.database.sql<{ n: number }[]>`
        select (select count(*) from audit_log) + (select count(*) from districts) + (select count(*) from users)
          + (select count(*) from memberships) + (select count(*) from sessions) as n`;
      return Number(row.n);
    };
    const before = await count();
    const failures: string[] = [];
    for (const leaf of leaves) {
      const sample = sampleFor(leaf);
      await Promise.all(
        probes.map(async (probe) => {
          // A lone surrogate cannot be written in a URL (it has no UTF-8); the raw bytes of
          // one arrive as U+FFFD replacement characters, which are text like any other.
          if (leaf.where !== 'body' && probe.name === 'a lone surrogate') return;
          const res = await request(leaf, probe.make(sample));
          const detail = (res.body?.error?.details ?? []).find(
            (d: { in: string; path: string }) => d.in === leaf.where && d.path === leaf.path.join('.'),
          );
          const ok =
            res.status === 400 &&
            res.body.error.code === 'VALIDATION_FAILED' &&
            isChinese(res.body.error.message) &&
            detail !== undefined &&
            (leaf.kind === 'text' ? detail.message === probe.message : isChinese(detail.message));
          if (!ok) failures.push(`${describeLeaf(leaf)} with ${probe.name}: ${res.status} ${JSON.stringify(res.body)}`);
        }),
      );
    }
    expect(failures).toEqual([]);
    expect(await count()).toBe(before);
  });

  it('the raw bytes of a lone surrogate in a URL are not a 500', async () => {
    const res = await t.app.call('GET', '/api/committees?q=%ED%A0%80');
    expect(res.status).toBe(200);
    const id = await t.app.call('GET', '/api/committees/%ED%A0%80');
    expect(id.status).toBe(400);
  });

  it('GET /api/committees?q=%00 without sign-in is a 400 with a Chinese message, not a 500', async () => {
    const res = await t.app.call('GET', '/api/committees?q=%00');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: textMessages.control });
  });

  it('POST /api/auth/password with NUL in the username is a 400, not a 500', async () => {
    const res = await t.app.call('POST', '/api/auth/password', { body: { username: 'ad\u0000min', password: 'x' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: textMessages.control });
    expect(res.body.error.details).toEqual([{ in: 'body', path: 'username', message: textMessages.control }]);
  });

  it('POST /api/auth/password with NUL or a lone surrogate in the password is a 400, and a good password still signs in', async () => {
    const { username } = await staff(t.app, {});
    for (const password of [`${STAFF_PASSWORD}\u0000`, `${STAFF_PASSWORD}\ud800`]) {
      const res = await t.app.call('POST', '/api/auth/password', { body: { username, password } });
      expect(res.status).toBe(400);
      expect(res.body.error.details[0]).toMatchObject({ path: 'password' });
    }
    const ok = await t.app.call('POST', '/api/auth/password', { body: { username, password: STAFF_PASSWORD } });
    expect(ok.status).toBe(200);
  });

  it('a lone surrogate in a field that goes into the audit log (JSON) is a 400 and writes nothing', async () => {
    const res = await t.app.call('POST', '/api/admin/districts', {
      token: adminToken,
      body: { name: '浦东\ud800新区' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(textMessages.surrogate);
    const rows = await t.app.database.sql`select 1 from districts where name like '浦东%'`;
    expect(rows).toHaveLength(0);
  });

  it('a committee name with a right-to-left override is refused', async () => {
    const res = await t.app.call('PATCH', `/api/committees/${community.id}`, {
      token: adminToken,
      body: { name: '梧桐\u202e里居委会' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(textMessages.bidi);
  });

  it('good Chinese text with emoji and punctuation is stored as typed, NFC, in its table and in the audit log', async () => {
    const name = '滨江🌊区（试点）';
    const res = await t.app.call('POST', '/api/admin/districts', { token: adminToken, body: { name: ` ${name} ` } });
    expect(res.status).toBe(201);
    expect(res.body.name).toBe(name);
    const decomposed = await t.app.call('POST', '/api/admin/districts', {
      token: adminToken,
      body: { name: 'Cafe\u0301\u200b区' },
    });
    expect(decomposed.status).toBe(201);
    expect(decomposed.body.name).toBe('Café区');
    const rows = await t.app.database.sql<{ name: string; after: { name: string } }[]>`
      select d.name, a.after from districts d join audit_log a on a.target_type = 'district' and a.target_id = d.id
      where d.id in (${res.body.id}, ${decomposed.body.id}) order by d.id`;
    expect(rows.map((r) => r.name)).toEqual([name, 'Café区']);
    expect(rows.map((r) => r.after.name)).toEqual([name, 'Café区']);
  });

  it('a multi-line intro keeps its lines (CRLF becomes LF) and its emoji', async () => {
    const res = await t.app.call('PATCH', `/api/committees/${community.id}`, {
      token: adminToken,
      body: { intro: '欢迎来到文字检查社区！😀\r\n办公时间：周一至周五。\r\n电话：021-1234567' },
    });
    expect(res.status).toBe(200);
    expect(res.body.intro).toBe('欢迎来到文字检查社区！😀\n办公时间：周一至周五。\n电话：021-1234567');
  });

  it('a search with a zero-width space inside still finds the committee', async () => {
    const res = await t.app.call('GET', `/api/committees?q=${encodeURIComponent('文字\u200b检查')}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((c: { id: number }) => c.id)).toContain(community.id);
  });
});
