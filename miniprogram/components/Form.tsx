import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { cx } from '../lib/format';

export function Field(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  hint?: string;
  error?: string | null;
  type?: 'text' | 'number' | 'digit' | 'idcard';
  password?: boolean;
  maxlength?: number;
  multiline?: boolean;
}) {
  const className = cx('input', props.multiline && 'textarea', props.error && 'input--error');
  return (
    <View className="field">
      <Text className="field-label">{props.label}</Text>
      {props.multiline ? (
        <Textarea
          id={props.id}
          className={className}
          value={props.value}
          placeholder={props.placeholder}
          maxlength={props.maxlength ?? 2000}
          onInput={(e) => props.onChange(e.detail.value)}
        />
      ) : (
        <Input
          id={props.id}
          className={className}
          value={props.value}
          type={props.type ?? 'text'}
          password={props.password}
          placeholder={props.placeholder}
          maxlength={props.maxlength ?? 140}
          onInput={(e) => props.onChange(e.detail.value)}
        />
      )}
      {props.hint ? <Text className="field-hint">{props.hint}</Text> : null}
      {props.error ? (
        <Text className="field-error" id={`${props.id}-error`}>
          {props.error}
        </Text>
      ) : null}
    </View>
  );
}

/** A big tappable check box (the native checkbox is too small for elderly fingers). */
export function Check(props: {
  id: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: ReactNode;
}) {
  return (
    <View
      id={props.id}
      className={cx('check', props.checked && 'check--on')}
      onClick={() => props.onChange(!props.checked)}
    >
      <View className="check-box">{props.checked ? '✓' : ''}</View>
      <Text className="t-body grow">{props.children}</Text>
    </View>
  );
}

export interface ChipOption<V> {
  value: V;
  label: string;
  id: string;
}

export function Chips<V>(props: { options: ChipOption<V>[]; value: V | null; onChange: (value: V) => void }) {
  return (
    <View className="chips">
      {props.options.map((o) => (
        <View
          key={o.id}
          id={o.id}
          className={cx('chip', o.value === props.value && 'chip--on')}
          onClick={() => props.onChange(o.value)}
        >
          {o.label}
        </View>
      ))}
    </View>
  );
}

/** The form-level message of a submit (not tied to one field), with 重试 after a network failure. */
export function FormError(props: { id: string; message: string | null; retry?: (() => void) | null }) {
  if (!props.message) return null;
  return (
    <View className="form-error" id={props.id}>
      <Text className="field-error t-block">{props.message}</Text>
      {props.retry ? (
        <Button id={`${props.id}-retry`} className="btn btn--plain btn--small" onClick={props.retry}>
          重试
        </Button>
      ) : null}
    </View>
  );
}
