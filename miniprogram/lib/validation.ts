import type { z } from 'zod';
import { joinCommunity, redeemInvitation } from '../../shared/contracts/memberships';
import { isChinese } from '../../shared/errors';

/**
 * Form checks use the very schemas the server validates with (shared/contracts), so the phone
 * rule or the name length cannot drift apart; only the messages for fields the user does not type
 * (the household) are ours.
 */
export type FieldErrors<K extends string> = Partial<Record<K, string>>;

/** The contract's own message when it is written for residents, else ours. */
export function chineseOr(message: string, fallback: string): string {
  return isChinese(message) ? message : fallback;
}

/** '' is "not filled"; anything else must be a number (NaN fails the schema). */
export function optionalNumber(text: string): number | null {
  const t = text.trim();
  return t === '' ? null : Number(t);
}

/**
 * One Chinese message per top-level field: `override` wins over the contract's message, which
 * wins over `fallback`, which wins over a generic one.
 */
export function fieldErrors<K extends string>(
  error: z.ZodError,
  messages: { override?: Partial<Record<K, string>>; fallback?: Partial<Record<K, string>> } = {},
): FieldErrors<K> {
  const errors: FieldErrors<K> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '') as K;
    if (errors[field]) continue;
    errors[field] =
      messages.override?.[field] ?? chineseOr(issue.message, messages.fallback?.[field] ?? '这一项填得不对，请检查');
  }
  return errors;
}

export interface Checked<T, K extends string> {
  errors: FieldErrors<K>;
  /** The parsed value (trimmed, normalised, defaults filled) when there is no error; send this. */
  body: T | null;
}

export interface CheckOptions<K extends string> {
  /** Words a field whose contract message is not written for people (zod's built-in English ones). */
  fallback?: Partial<Record<K, string>>;
  /** Replaces the contract's message for a field the user does not type (e.g. a picked household). */
  override?: Partial<Record<K, string>>;
  /** Checks that are not part of the request (e.g. the agreement box), merged after the contract's. */
  extra?: FieldErrors<K>;
}

/**
 * Checks a form with a contract's schema (a route's body or query), so that the page refuses
 * exactly what the server would refuse. The third argument is the `fallback` words, or all options.
 */
export function checkWith<T, K extends string>(
  schema: unknown,
  input: unknown,
  options: Partial<Record<K, string>> | CheckOptions<K> = {},
): Checked<T, K> {
  const o: CheckOptions<K> =
    'fallback' in options || 'override' in options || 'extra' in options
      ? (options as CheckOptions<K>)
      : { fallback: options as Partial<Record<K, string>> };
  const result = (schema as z.ZodType).safeParse(input);
  const errors: FieldErrors<K> = result.success
    ? {}
    : fieldErrors<K>(result.error, { fallback: o.fallback, override: o.override });
  for (const [field, message] of Object.entries(o.extra ?? {}) as [K, string | undefined][]) {
    if (message && !errors[field]) errors[field] = message;
  }
  const ok = result.success && Object.keys(errors).length === 0;
  return { errors, body: ok ? (result.data as T) : null };
}

export interface JoinForm {
  householdId: number | null;
  realName: string;
  phone: string;
  agreed: boolean;
}

export type JoinField = 'householdId' | 'realName' | 'phone' | 'agreed';

export interface Valid<T, K extends string> {
  ok: boolean;
  errors: FieldErrors<K>;
  body: T | null;
}

const AGREE_MESSAGE = '请先阅读并同意用户协议和隐私政策';

const valid = <T, K extends string>(checked: Checked<T, K>): Valid<T, K> => ({ ok: checked.body !== null, ...checked });

export function validateJoin(
  form: JoinForm,
): Valid<{ householdId: number; realName: string; phone: string | null }, JoinField> {
  return valid(
    checkWith<{ householdId: number; realName: string; phone: string | null }, JoinField>(
      joinCommunity.body,
      { householdId: form.householdId ?? 0, realName: form.realName, phone: form.phone.trim() || null },
      {
        override: { householdId: '请选择您家的楼号、单元和房号' },
        extra: form.agreed ? {} : { agreed: AGREE_MESSAGE },
      },
    ),
  );
}

export interface InviteForm {
  code: string;
  realName: string;
  phone: string;
  agreed: boolean;
}

export type InviteField = 'code' | 'realName' | 'phone' | 'agreed';

export function validateInvite(
  form: InviteForm,
): Valid<{ code: string; realName: string; phone: string | null }, InviteField> {
  return valid(
    checkWith<{ code: string; realName: string; phone: string | null }, InviteField>(
      redeemInvitation.body,
      { code: form.code, realName: form.realName, phone: form.phone.trim() || null },
      { extra: form.agreed ? {} : { agreed: AGREE_MESSAGE } },
    ),
  );
}
