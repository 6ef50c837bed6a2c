import { useEffect, useInsertionEffect, useRef } from 'react';

/**
 * The host element of one of Taro's form controls, as plain React renders it: the same tag (<taro-button-core>…), never
 * defined as a custom element, so no Stencil component is created, rendered again in the next frame or styled by a
 * <style> it injects (the form controls' pass was 23–34 ms of main thread on the post and proxy forms, npm run bench
 * -- h5profile). The element's attributes are those Taro's React wrapper gave it: every string, number or boolean
 * prop under its dashed name (aria-label, data-testid, maxlength, disabled="false"…), the class and the style;
 * our stylesheets, Taro's and the e2e suites' selectors find the same elements as before.
 */
const NOT_ATTRIBUTES = new Set(['children', 'className', 'style', 'ref', 'forwardedRef', 'nativeProps']);

export function hostProps(props, ref) {
  const out = { ref };
  for (const [name, value] of Object.entries(props)) {
    if (NOT_ATTRIBUTES.has(name) || /^on[A-Z]/.test(name)) continue;
    const kind = typeof value;
    if (kind === 'string' || kind === 'number' || kind === 'boolean') out[name.replace(/([A-Z])/g, (m) => `-${m.toLowerCase()}`)] = String(value);
  }
  // React 18 writes a custom element's `className` as a "classname" attribute: `class` is its name there.
  if (props.className) out.class = props.className;
  if (props.style !== undefined && typeof props.style !== 'string') out.style = props.style;
  return out;
}

/** Taro's event: the React event, with the `detail` Taro's component would have sent (e.detail.value). */
export function withDetail(e, detail) {
  Object.defineProperty(e, 'detail', { value: detail, configurable: true });
  return e;
}

export function setRef(ref, el) {
  if (typeof ref === 'function') ref(el);
  else if (ref) ref.current = el;
}

export function fixControlledValue(value) {
  return value ?? '';
}

const inserted = new Set();

/**
 * The component's own stylesheet, put where Stencil put it when the first one rendered: a <style> ahead of the
 * page's first <link>, i.e. before Taro's base styles and ours in app.css. Its rules tie with some of those (Taro's
 * `.taro-app-wrap input` and the switch's `taro-switch-core .weui-switch`, our `.taro-textarea { font: inherit }` and
 * its `line-height`), and the later one wins: in a page chunk's stylesheet, after app.css, these would win instead.
 */
export function useStylesheet(css) {
  useInsertionEffect(() => {
    if (inserted.has(css)) return;
    inserted.add(css);
    const style = document.createElement('style');
    style.textContent = css;
    document.head.insertBefore(style, document.head.querySelector('link'));
  }, [css]);
}

/** A handler passing the event on to the screen's `on…` prop with e.detail.value, as Taro's Input and Textarea did. */
export function relay(latest, name) {
  return (e) => {
    e.stopPropagation();
    latest.current[name]?.(withDetail(e, { value: e.target.value }));
  };
}

/** A Chinese input method's pinyin: `composing` while it is being typed, then `ended` with the word chosen. */
export function composition(state, ended) {
  return {
    onCompositionStart(e) {
      e.stopPropagation();
      state.current.composing = true;
    },
    onCompositionEnd(e) {
      e.stopPropagation();
      state.current.composing = false;
      ended(e);
    },
  };
}

/** Every key is onKeyDown (the value, the caret, the key), Enter also onConfirm, as Taro's Input and Textarea had it. */
export function keyDown(latest, cursorOf = (_field, length) => length) {
  return (e) => {
    e.stopPropagation();
    const { value } = e.target;
    const keyCode = e.keyCode || e.code;
    latest.current.onKeyDown?.(withDetail(e, { value, cursor: cursorOf(e.target, value.length), keyCode }));
    if (keyCode === 13) latest.current.onConfirm?.(withDetail(e, { value }));
  };
}

/**
 * What Taro's Input and Textarea share: `focus` focuses the field when it turns true; onChange is the browser's
 * change (the text committed, on blur), not React's onChange, which is every keystroke; then `afterChange`.
 */
export function useTextField(el, latest, focus, afterChange) {
  const focused = useRef(false);
  useEffect(() => {
    if (focus && !focused.current) el.current?.focus();
    focused.current = focus;
  }, [el, focus]);
  useEffect(() => {
    const field = el.current;
    const onChange = relay(latest, 'onChange');
    const change = (e) => {
      onChange(e);
      afterChange?.(e);
    };
    field?.addEventListener('change', change);
    return () => field?.removeEventListener('change', change);
  }, []); // the element's, once: what it calls is read from refs
}
