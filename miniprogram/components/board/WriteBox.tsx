import { Button, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import type { z } from 'zod';
import { useSubmit } from '../../hooks/useSubmit';
import { rejectedMessage } from '../../lib/board-text';
import { cx } from '../../lib/format';
import { checkWith } from '../../lib/validation';
import { FormError } from '../Form';
import './board.css';

/**
 * A text to write and send (a comment, a 居委回复, an edit): checked with the route's own body
 * schema, screened by the server (CONTENT_REJECTED names the words under the box), busy while sending.
 */
export function WriteBox<R>(props: {
  id: string;
  label: string;
  placeholder: string;
  max: number;
  /** The route's body schema, `{ body }`. */
  schema: z.ZodType | undefined;
  initial?: string;
  submitText: string;
  send: (body: string) => Promise<R>;
  onDone: (result: R) => void;
  onCancel?: () => void;
}) {
  const [body, setBody] = useState(props.initial ?? '');
  const sending = useSubmit<'body'>({
    fields: { DUPLICATE_CONTENT: 'body', EDIT_WINDOW_CLOSED: 'body' },
    place: (e) => (e.code === 'CONTENT_REJECTED' ? { field: 'body', message: rejectedMessage(e) } : null),
  });
  const error = sending.fieldErrors.body;

  const send = async () => {
    const checked = checkWith<{ body: string }, 'body'>(props.schema, { body });
    if (!checked.body) {
      sending.setFieldErrors(checked.errors);
      return;
    }
    const text = checked.body.body;
    const result = await sending.submit(() => props.send(text));
    if (result === undefined) return;
    setBody('');
    props.onDone(result);
  };

  return (
    <View className="field" id={props.id}>
      <Text className="field-label">{props.label}</Text>
      <Textarea
        id={`${props.id}-input`}
        className={cx('input textarea', error && 'input--error')}
        value={body}
        maxlength={props.max}
        placeholder={props.placeholder}
        onInput={(e) => setBody(e.detail.value)}
      />
      <Text className="t-small t-block board-count">
        {body.length}/{props.max}字
      </Text>
      {error ? (
        <Text className="field-error" id={`${props.id}-error`}>
          {error}
        </Text>
      ) : null}
      <FormError id={`${props.id}-form-error`} message={sending.formError} retry={sending.retry} />
      <View className="btn-row gap-top">
        <Button
          id={`${props.id}-submit`}
          className="btn btn--primary"
          disabled={sending.busy || undefined}
          onClick={() => void send()}
        >
          {sending.busy ? '正在发送…' : props.submitText}
        </Button>
        {props.onCancel ? (
          <Button id={`${props.id}-cancel`} className="btn btn--plain" onClick={props.onCancel}>
            取消
          </Button>
        ) : null}
      </View>
    </View>
  );
}
