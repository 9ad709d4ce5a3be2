import { useCallback, useRef, useState } from 'react';
import { type ApiError, type ClientErrorCode, clientMessages } from '../api/client';
import type { FieldErrors } from '../lib/validation';
import { asApiError } from './useResource';

/** Where a server refusal goes: a field of the form, with the message to show there. */
export type ErrorPlacement<K extends string> = { field: K; message?: string } | { form: string } | null;

export interface SubmitOptions<K extends string> {
  /** Server codes that belong to one field, e.g. { USERNAME_TAKEN: 'username' }. */
  fields?: Partial<Record<ClientErrorCode, K>>;
  /** For refusals that need more than a code (details, counts): where and what to show. */
  place?: (error: ApiError) => ErrorPlacement<K>;
}

export interface Submit<K extends string> {
  /** True while a request is in flight: the button is disabled and says so. */
  busy: boolean;
  /** Messages next to the fields: the form check's, then the server's. */
  fieldErrors: FieldErrors<K>;
  /** A message for the whole form (not tied to a field). */
  formError: string | null;
  /** Set after a network failure: sends the same request again. */
  retry: (() => void) | null;
  setFieldErrors: (errors: FieldErrors<K>) => void;
  /**
   * Runs `task` once at a time. Resolves to its value, or undefined when it failed (the failure is
   * then in fieldErrors / formError). The api calls inside should be `silent`: the form shows the
   * error itself, next to the field.
   */
  submit: <T>(task: () => Promise<T>) => Promise<T | undefined>;
}

/** Field messages of a 400 VALIDATION_FAILED: `details` lists `{ path, message }` per field. */
function validationFields<K extends string>(error: ApiError): FieldErrors<K> {
  const out: FieldErrors<K> = {};
  if (error.code !== 'VALIDATION_FAILED' || !Array.isArray(error.details)) return out;
  for (const issue of error.details as { path?: unknown; message?: unknown }[]) {
    const field = String(issue.path ?? '').split('.')[0] as K;
    if (field && typeof issue.message === 'string' && /[\u4e00-\u9fa5]/.test(issue.message) && !out[field]) {
      out[field] = issue.message;
    }
  }
  return out;
}

/** The one submit pattern of every form: busy state, field errors from the server, retry after a network failure. */
export function useSubmit<K extends string>(options: SubmitOptions<K> = {}): Submit<K> {
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<K>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [retry, setRetry] = useState<(() => void) | null>(null);
  const inFlight = useRef(false);
  const optionsRef = useRef(options);
  optionsRef.current = options;

  const submit = useCallback(async <T>(task: () => Promise<T>): Promise<T | undefined> => {
    if (inFlight.current) return undefined;
    inFlight.current = true;
    setBusy(true);
    setFormError(null);
    setRetry(null);
    try {
      const value = await task();
      setFieldErrors({});
      return value;
    } catch (e) {
      const error = asApiError(e);
      if (error.code === 'NETWORK') {
        setFormError(clientMessages.NETWORK);
        setRetry(() => () => void submit(task));
        return undefined;
      }
      const fromValidation = validationFields<K>(error);
      if (Object.keys(fromValidation).length) {
        setFieldErrors(fromValidation);
        return undefined;
      }
      const placed = optionsRef.current.place?.(error);
      const field = placed && 'field' in placed ? placed.field : optionsRef.current.fields?.[error.code];
      if (placed && 'form' in placed) setFormError(placed.form);
      else if (field) {
        const message = (placed && 'field' in placed && placed.message) || error.message;
        setFieldErrors({ [field]: message } as FieldErrors<K>);
      } else setFormError(error.message);
      return undefined;
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }, []);

  return { busy, fieldErrors, formError, retry, setFieldErrors, submit };
}
