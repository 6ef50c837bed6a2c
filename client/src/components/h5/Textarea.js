import { createElement, forwardRef, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { composition, fixControlledValue, hostProps, keyDown, relay, useStylesheet, useTextField, withDetail } from './host';
import css from './TextareaStyle';

/**
 * Taro's h5 Textarea (taro-textarea-core) without its Stencil component (host.js says why): the same element
 * with the same <textarea class="taro-textarea"> inside, and the component's behaviour, ported as Input.js's
 * (onInput's e.detail { value, cursor }, onFocus / onBlur / onChange / onConfirm / onKeyDown, `focus`, pinyin left
 * alone until the word is chosen, controlled by `value`; the caret stays where it was when `value` changes under it).
 *
 * The line count (`linechange`, and `autoHeight`'s rows) is made only when asked for. The component made it on
 * mount and on every keystroke, by setting the textarea's height a pixel at a time and reading it back: some thirty
 * forced layouts each time, the largest single cost of the post form's first paint (npm run bench -- h5profile).
 * No screen of ours listens to `linechange` or asks for `autoHeight`.
 */
export const Textarea = forwardRef(function Textarea(props, ref) {
  useStylesheet(css);
  const { value, placeholder, disabled = false, focus = false, autoHeight = false, name, nativeProps } = props;
  const maxlength = 'maxlength' in props ? props.maxlength : 140; // Input.js says why
  const el = useRef(null);
  const latest = useRef(props);
  latest.current = props;
  const state = useRef({ composing: false, line: 1, selection: undefined });
  const [rows, setRows] = useState(1);
  const shown = fixControlledValue(value);
  const counts = autoHeight || props.onLineChange !== undefined;

  const lineChange = () => {
    if (!counts || !el.current) return;
    const line = numberOfLines(el.current);
    if (line !== state.current.line) {
      state.current.line = line;
      if (autoHeight) setRows(line);
      latest.current.onLineChange?.({ type: 'linechange', detail: { height: el.current.clientHeight, lineCount: line } });
    }
  };
  const cursorOf = (target, fallback) => {
    if (typeof target.selectionEnd !== 'number') return fallback;
    state.current.selection = { selectionStart: target.selectionStart ?? target.selectionEnd, selectionEnd: target.selectionEnd };
    return target.selectionEnd;
  };
  const emitInput = (e, text) => {
    const onInput = latest.current.onInput;
    if (onInput) flushSync(() => onInput(withDetail(e, { value: text, cursor: cursorOf(e.target, text.length) })));
    else cursorOf(e.target, text.length);
    // Taro's wrapper, after each event: what the screen holds goes back into the textarea if the text differs.
    if ('value' in latest.current) setText(fixControlledValue(latest.current.value));
  };
  /** The component's watchValue: a new value, the caret kept where it was if the textarea has the focus. */
  const setText = (text) => {
    const area = el.current;
    if (!area || state.current.composing || area.value === text) return;
    const active = document.activeElement === area;
    const selection = active ? state.current.selection ?? snapshot(area) : null;
    area.value = text;
    lineChange();
    if (selection && typeof area.setSelectionRange === 'function') {
      const max = area.value.length;
      area.setSelectionRange(Math.min(selection.selectionStart, max), Math.min(selection.selectionEnd, max));
    }
  };
  const snapshot = (area) => {
    if (area.selectionStart === null || area.selectionEnd === null) return null;
    state.current.selection = { selectionStart: area.selectionStart, selectionEnd: area.selectionEnd };
    return state.current.selection;
  };

  useLayoutEffect(() => setText(shown), [shown]);
  useEffect(() => lineChange(), []); // once, as the component did when it loaded

  useTextField(el, latest, focus);

  const handlers = {
    onInput(e) {
      e.stopPropagation();
      lineChange();
      if (state.current.composing) return;
      emitInput(e, e.target.value || '');
    },
    ...composition(state, (e) => {
      lineChange();
      emitInput(e, e.target.value || '');
    }),
    onFocus: relay(latest, 'onFocus'),
    onBlur(e) {
      relay(latest, 'onBlur')(e);
      state.current.selection = undefined;
    },
    onKeyDown: keyDown(latest, cursorOf),
  };

  const area = createElement('textarea', {
    ref: (node) => {
      el.current = node;
    },
    className: autoHeight ? 'taro-textarea auto-height' : 'taro-textarea',
    placeholder,
    name,
    disabled,
    maxLength: maxlength,
    ...(autoHeight ? { rows } : {}),
    ...handlers,
    ...nativeProps,
  });
  return createElement('taro-textarea-core', hostProps(props, ref), area);
});

/** The component's line count: the content's height (found by shrinking the textarea a pixel at a time) in lines. */
function numberOfLines(ta) {
  const lineHeight = parseInt(window.getComputedStyle(ta).lineHeight, 10);
  return Math.floor(contentHeight(ta, lineHeight) / lineHeight);
}

function contentHeight(ta, scanAmount) {
  const origHeight = ta.style.height;
  let height = ta.offsetHeight;
  const scrollHeight = ta.scrollHeight;
  const overflow = ta.style.overflow;
  const originMinHeight = ta.style.minHeight || null;
  if (height < scrollHeight) return scrollHeight;
  ta.style.minHeight = 0;
  ta.style.height = height + scanAmount + 'px';
  ta.style.overflow = 'hidden';
  if (scrollHeight < ta.scrollHeight) {
    while (ta.offsetHeight >= ta.scrollHeight) ta.style.height = (height -= scanAmount) + 'px';
    while (ta.offsetHeight < ta.scrollHeight) ta.style.height = height++ + 'px';
    ta.style.height = origHeight;
    ta.style.overflow = overflow;
    ta.style.minHeight = originMinHeight;
    return height;
  }
  return undefined;
}
