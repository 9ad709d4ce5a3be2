import { Button, Text, Textarea, View } from '@tarojs/components';
import { type ReactNode, useState } from 'react';
import type { z } from 'zod';
import { useSubmit } from '../hooks/useSubmit';
import { cx } from '../lib/format';
import { checkWith } from '../lib/validation';
import { FormError } from './Form';

/**
 * A confirm dialog that needs a written reason (撤回 a notice, cancel a household's
 * sign-up): the reason is checked with the route's own body schema before sending, and
 * refusals show under the field. `id` prefixes every element id (`<id>-dialog`, `-reason`,
 * `-confirm`, `-cancel`).
 */
export function ReasonDialog<R>(props: {
  id: string;
  title: string;
  explain: string;
  label: string;
  placeholder: string;
  maxLength: number;
  confirmText: string;
  busyText: string;
  keepText: string;
  /** The route's body schema, `{ reason }` (a contract's `body`). */
  schema: z.ZodType | undefined;
  /** Sends it; the dialog shows the refusal when it throws. */
  send: (reason: string) => Promise<R>;
  onDone: (result: R) => void;
  onClose: () => void;
  /** More fields under the reason (禁言天数 in the review queue). */
  children?: ReactNode;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const sending = useSubmit<'reason'>();
  const shownError = error ?? sending.fieldErrors.reason ?? null;

  const confirm = async () => {
    const checked = checkWith<{ reason: string }, 'reason'>(props.schema, { reason });
    if (!checked.body) {
      setError(checked.errors.reason ?? props.label);
      return;
    }
    setError(null);
    const body = checked.body;
    const result = await sending.submit(() => props.send(body.reason));
    if (result === undefined) return;
    props.onDone(result as R);
  };

  return (
    <View className="mask" id={`${props.id}-dialog`}>
      <View className="dialog">
        <Text className="t-title t-block">{props.title}</Text>
        <Text className="t-body t-block gap-top">{props.explain}</Text>
        <Text className="field-label gap-top">{props.label}</Text>
        <Textarea
          id={`${props.id}-reason`}
          className={cx('input textarea', shownError && 'input--error')}
          value={reason}
          maxlength={props.maxLength}
          placeholder={props.placeholder}
          onInput={(e) => setReason(e.detail.value)}
        />
        {shownError ? (
          <Text className="field-error" id={`${props.id}-reason-error`}>
            {shownError}
          </Text>
        ) : null}
        {props.children}
        <FormError id={`${props.id}-form-error`} message={sending.formError} retry={sending.retry} />
        <View className="btn-row gap-top">
          <Button
            id={`${props.id}-confirm`}
            className="btn btn--danger"
            disabled={sending.busy || undefined}
            onClick={() => void confirm()}
          >
            {sending.busy ? props.busyText : props.confirmText}
          </Button>
          <Button id={`${props.id}-cancel`} className="btn btn--plain" onClick={props.onClose}>
            {props.keepText}
          </Button>
        </View>
      </View>
    </View>
  );
}
