/**
 * A thin DOM mapping of @tarojs/components for jsdom: each Taro element becomes the
 * HTML element a browser user would meet, and Taro's `e.detail.value` event shape is kept,
 * so screens run unchanged and tests query by role and text.
 */
import { createElement, type ReactNode } from 'react';

type AnyProps = Record<string, unknown> & { children?: ReactNode; className?: string };

const PASS = /^(className|style|role|id|hidden|title|tabIndex|data-.*|aria-.*)$/;

function domProps(props: AnyProps): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) if (PASS.test(k)) out[k] = v;
  // WeChat's accessibility attribute for a role (no `role` prop on most Taro components): the DOM's role.
  if ('aria-role' in out) {
    out.role = out['aria-role'];
    delete out['aria-role'];
  }
  if (typeof props.onClick === 'function') out.onClick = props.onClick;
  // Touches (a press-and-hold) and the mouse that stands in for them in a desktop browser.
  for (const [k, v] of Object.entries(props)) if (/^on(Touch|Mouse)[A-Z]/.test(k) && typeof v === 'function') out[k] = v;
  return out;
}

const box = (tag: string) =>
  function TaroBox(props: AnyProps) {
    return createElement(tag, domProps(props), props.children);
  };

export const View = box('div');
export const Text = box('span');
export const ScrollView = box('div');
export const Swiper = box('div');
export const SwiperItem = box('div');
export const Form = box('form');
export const Label = box('label');
export const Block = (props: AnyProps) => createElement('div', null, props.children);
export const RichText = box('div');
export const Canvas = box('canvas');
export const Map = box('div');
export const Navigator = box('a');
export const Picker = box('div');
export const Progress = box('progress');

export function Button(props: AnyProps) {
  const { disabled, loading } = props as { disabled?: boolean; loading?: boolean };
  return createElement('button', { ...domProps(props), type: 'button', disabled: !!disabled, 'aria-busy': loading ? 'true' : undefined }, props.children);
}

function field(tag: 'input' | 'textarea') {
  return function TaroField(props: AnyProps) {
    const p = props as {
      value?: string;
      placeholder?: string;
      type?: string;
      maxlength?: number;
      disabled?: boolean;
      onInput?: (e: { detail: { value: string } }) => void;
      onBlur?: (e: { detail: { value: string } }) => void;
    };
    return createElement(tag, {
      ...domProps(props),
      value: p.value ?? '',
      placeholder: p.placeholder,
      maxLength: p.maxlength,
      disabled: p.disabled,
      ...(tag === 'input' ? { type: p.type === 'number' || p.type === 'digit' ? 'tel' : 'text' } : {}),
      onChange: (e: { target: { value: string } }) => p.onInput?.({ detail: { value: e.target.value } }),
      onBlur: (e: { target: { value: string } }) => p.onBlur?.({ detail: { value: e.target.value } }),
    });
  };
}

export const Input = field('input');
export const Textarea = field('textarea');

export function Switch(props: AnyProps) {
  const p = props as { checked?: boolean; disabled?: boolean; onChange?: (e: { detail: { value: boolean } }) => void };
  return createElement('input', {
    ...domProps(props),
    type: 'checkbox',
    role: 'switch',
    checked: !!p.checked,
    disabled: p.disabled,
    onChange: (e: { target: { checked: boolean } }) => p.onChange?.({ detail: { value: e.target.checked } }),
  });
}

export function Image(props: AnyProps) {
  const p = props as { src?: string; alt?: string; onError?: unknown };
  // Taro's Image reports a source that fails to load (binderror in the mini-program, the img's error in the browser).
  return createElement('img', { ...domProps(props), src: p.src, alt: p.alt ?? '', ...(typeof p.onError === 'function' ? { onError: p.onError } : {}) });
}
