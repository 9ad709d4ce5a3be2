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

/**
 * Checks a form with a contract's schema (a route's body or query), so that the page refuses
 * exactly what the server would refuse. `fallback` words a field whose contract message is not
 * written for people (zod's built-in English ones).
 */
export function checkWith<T, K extends string>(
  schema: unknown,
  input: unknown,
  fallback: Partial<Record<K, string>> = {},
): Checked<T, K> {
  const result = (schema as z.ZodType).safeParse(input);
  if (result.success) return { errors: {}, body: result.data as T };
  return { errors: fieldErrors<K>(result.error, { fallback }), body: null };
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

export function validateJoin(
  form: JoinForm,
): Valid<{ householdId: number; realName: string; phone: string | null }, JoinField> {
  const body = { householdId: form.householdId ?? 0, realName: form.realName, phone: form.phone.trim() || null };
  const schema = joinCommunity.body as z.ZodType;
  const result = schema.safeParse(body);
  const errors: FieldErrors<JoinField> = result.success
    ? {}
    : fieldErrors<JoinField>(result.error, { override: { householdId: '请选择您家的楼号、单元和房号' } });
  if (!form.agreed) errors.agreed = AGREE_MESSAGE;
  const ok = Object.keys(errors).length === 0;
  return {
    ok,
    errors,
    body:
      ok && result.success ? (result.data as { householdId: number; realName: string; phone: string | null }) : null,
  };
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
  const body = { code: form.code, realName: form.realName, phone: form.phone.trim() || null };
  const schema = redeemInvitation.body as z.ZodType;
  const result = schema.safeParse(body);
  const errors: FieldErrors<InviteField> = result.success
    ? {}
    : fieldErrors<InviteField>(result.error, { override: form.code.trim() ? {} : { code: '请填写邀请码' } });
  if (!form.agreed) errors.agreed = AGREE_MESSAGE;
  const ok = Object.keys(errors).length === 0;
  return {
    ok,
    errors,
    body: ok && result.success ? (result.data as { code: string; realName: string; phone: string | null }) : null,
  };
}
