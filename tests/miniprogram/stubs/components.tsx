/**
 * DOM stand-ins for the Taro components the app uses. Same props, same event shapes
 * (`onInput` gets `{ detail: { value } }`), so pages render unchanged in jsdom.
 */
import { createElement, type ReactNode } from 'react';

type Common = {
  id?: string;
  className?: string;
  children?: ReactNode;
  onClick?: (e: unknown) => void;
  style?: unknown;
} & Record<string, unknown>;

function pick(props: Common) {
  const out: Record<string, unknown> = { id: props.id, className: props.className, onClick: props.onClick };
  for (const [k, v] of Object.entries(props)) if (k.startsWith('data-')) out[k] = v;
  return out;
}

export function View(props: Common) {
  return createElement('div', pick(props), props.children);
}

export function Text(props: Common) {
  return createElement('span', pick(props), props.children);
}

export function ScrollView(props: Common) {
  return createElement('div', pick(props), props.children);
}

export function Button(props: Common & { disabled?: boolean; loading?: boolean; openType?: string }) {
  return createElement(
    'button',
    { ...pick(props), type: 'button', disabled: props.disabled, 'data-open-type': props.openType },
    props.children,
  );
}

type InputProps = Common & {
  value?: string;
  placeholder?: string;
  type?: string;
  password?: boolean;
  maxlength?: number;
  onInput?: (e: { detail: { value: string } }) => void;
  onConfirm?: (e: { detail: { value: string } }) => void;
};

export function Input(props: InputProps) {
  return createElement('input', {
    ...pick(props),
    value: props.value ?? '',
    placeholder: props.placeholder,
    type: props.password ? 'password' : props.type === 'number' || props.type === 'digit' ? 'text' : 'text',
    maxLength: props.maxlength,
    onChange: (e: { target: { value: string } }) => props.onInput?.({ detail: { value: e.target.value } }),
    onKeyDown: (e: { key: string; currentTarget: { value: string } }) => {
      if (e.key === 'Enter') props.onConfirm?.({ detail: { value: e.currentTarget.value } });
    },
  });
}

export function Textarea(props: InputProps) {
  return createElement('textarea', {
    ...pick(props),
    value: props.value ?? '',
    placeholder: props.placeholder,
    maxLength: props.maxlength,
    onChange: (e: { target: { value: string } }) => props.onInput?.({ detail: { value: e.target.value } }),
  });
}

export function Image(props: Common & { src?: string }) {
  return createElement('img', { ...pick(props), src: props.src, alt: '' });
}

export function Switch(
  props: Common & { checked?: boolean; color?: string; onChange?: (e: { detail: { value: boolean } }) => void },
) {
  return createElement('input', {
    ...pick(props),
    type: 'checkbox',
    role: 'switch',
    checked: props.checked ?? false,
    'aria-label': props['aria-label'],
    onChange: (e: { target: { checked: boolean } }) => props.onChange?.({ detail: { value: e.target.checked } }),
  });
}

export function Swiper(props: Common & { indicatorDots?: boolean; circular?: boolean }) {
  return createElement('div', pick(props), props.children);
}

export function SwiperItem(props: Common) {
  return createElement('div', pick(props), props.children);
}
