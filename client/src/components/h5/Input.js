import { createElement, forwardRef, useEffect, useLayoutEffect, useRef } from 'react';
import { flushSync } from 'react-dom';
import { composition, fixControlledValue, hostProps, keyDown, relay, useStylesheet, useTextField, withDetail } from './host';
import css from './InputStyle';

/**
 * Taro's h5 Input (taro-input-core) without its Stencil component (host.js says why): the same element with the
 * same <input class="weui-input"> inside, and the component's behaviour, ported: onInput / onFocus / onBlur /
 * onChange / onConfirm (Enter) / onKeyDown / onPaste get e.detail ({ value, cursor } on input); type 'digit' and
 * 'number' refuse other characters and 'number' is cut at maxlength; `password` and confirmType 'search' set the
 * input's type; `focus` focuses it.
 *
 * The text is the browser's while one types and is never re-set by a render unless `value` differs from it: a
 * Chinese input method's unfinished pinyin is left alone (the value reaches the screen when the word is chosen,
 * compositionend). With `value` given it is controlled, as Taro's React wrapper made it: once the screen has taken
 * the input (its update flushed), the text is put back to `value` if that differs (a rejected or trimmed character).
 */
export const Input = forwardRef(function Input(props, ref) {
  useStylesheet(css);
  const {
    value, type, password = false, placeholder, disabled = false, focus = false,
    confirmType = 'done', name, readonly = false, nativeProps,
  } = props;
  // The component's 140 unless the prop is there: Taro's wrapper set the element's property to whatever was passed,
  // so `maxlength={undefined}` (the phone field) left the input without a limit.
  const maxlength = 'maxlength' in props ? props.maxlength : 140;
  const el = useRef(null);
  const latest = useRef(props);
  latest.current = props;
  const state = useRef({ composing: false, pasted: false });
  const trueType = getTrueType(type, confirmType, password);
  const shown = fixControlledValue(value);

  /** What the screen holds, back into the input if the text differs (Taro's wrapper did this after each event). */
  const keepControlled = () => {
    const input = el.current;
    if (!input || !('value' in latest.current)) return;
    const want = fixControlledValue(latest.current.value);
    if (input.value !== want) input.value = want;
  };
  const emitInput = (e, value) => {
    const onInput = latest.current.onInput;
    if (onInput) flushSync(() => onInput(withDetail(e, { value, cursor: value.length })));
    keepControlled();
  };

  useLayoutEffect(() => {
    if (el.current && el.current.value !== shown) el.current.value = shown;
  }, [shown]);

  useTextField(el, latest, focus, (e) => {
    if (!state.current.pasted) return;
    state.current.pasted = false;
    emitInput(e, e.target.value);
  });

  // Listened to on the element, as the component did: React has no textInput, and its onBeforeInput is its own.
  useEffect(() => {
    const input = el.current;
    if (!input || type === 'file') return undefined;
    const refuse = (e) => {
      if (!e.data) return;
      const isNumber = /[0-9]/.test(e.data);
      const kind = latest.current.type;
      if (kind === 'number' && !isNumber) e.preventDefault();
      if (kind === 'digit' && !isNumber && (e.data !== '.' || e.target.value.indexOf('.') > -1)) e.preventDefault();
    };
    input.addEventListener('beforeinput', refuse);
    input.addEventListener('textInput', refuse);
    return () => {
      input.removeEventListener('beforeinput', refuse);
      input.removeEventListener('textInput', refuse);
    };
  }, [type]);

  const handlers = {
    onInput(e) {
      e.stopPropagation();
      if (type === 'file') return emitInput(e, e.target.value);
      if (state.current.composing) return undefined;
      let next = e.target.value;
      const max = 'maxlength' in latest.current ? latest.current.maxlength : 140;
      if (trueType === 'number' && next && max > -1 && max <= next.length) {
        next = next.substring(0, max);
        e.target.value = next;
      }
      return emitInput(e, next);
    },
    ...composition(state, (e) => emitInput(e, e.target.value)),
    onPaste(e) {
      e.stopPropagation();
      state.current.pasted = true;
      latest.current.onPaste?.(withDetail(e, { value: e.target.value }));
    },
    onFocus: relay(latest, 'onFocus'),
    onBlur: relay(latest, 'onBlur'),
    onKeyDown: keyDown(latest),
  };

  const input = createElement('input', {
    ref: (node) => {
      el.current = node;
    },
    className: 'weui-input',
    type: trueType,
    placeholder,
    disabled,
    maxLength: maxlength,
    name,
    readOnly: readonly || undefined,
    ...handlers,
    ...nativeProps,
  });
  return createElement('taro-input-core', hostProps(props, ref), input);
});

/** The component's: which type of <input> the props make. */
function getTrueType(type, confirmType, password) {
  if (confirmType === 'search') type = 'search';
  if (password) type = 'password';
  if (typeof type === 'undefined') return 'text';
  if (!type) throw new Error('unexpected type');
  if (type === 'digit') type = 'number';
  return type;
}
