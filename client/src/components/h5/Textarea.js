import { createElement, forwardRef, useCallback } from 'react';
import { defineCustomElement } from '@tarojs/components/dist/components/taro-textarea-core.js';
import { taroComponent } from './taroComponent';

const TaroTextarea = /*@__PURE__*/ taroComponent('taro-textarea-core', defineCustomElement);

/**
 * Taro's Textarea, without its line count when nothing reads it. On mount and on every keystroke the Stencil
 * component counts the lines of its text (for the `linechange` event and `autoHeight`'s rows) by setting the
 * textarea's height a pixel at a time and reading it back: some thirty forced layouts each time, the largest
 * single cost of the post form's first paint (npm run bench -- h5profile). No screen of ours listens to
 * `linechange` or asks for `autoHeight`; when one does, the count is kept.
 */
export const Textarea = forwardRef(function Textarea(props, ref) {
  const counts = props.autoHeight || props.onLineChange !== undefined;
  const setRef = useCallback(
    (el) => {
      // The component's own handler, an instance property set in its constructor: it runs on the first render
      // (componentDidLoad, after React has attached the element) and on input, and reads it when called.
      if (el && !counts && el.handleLineChange !== noLineCount) {
        counters.set(el, el.handleLineChange);
        el.handleLineChange = noLineCount;
      } else if (el && counts && counters.has(el)) {
        el.handleLineChange = counters.get(el);
      }
      if (typeof ref === 'function') ref(el);
      else if (ref) ref.current = el;
    },
    [ref, counts],
  );
  return createElement(TaroTextarea, { ...props, ref: setRef });
});

function noLineCount() {}
/** The component's own counter, for an element whose line count is asked for later. */
const counters = new WeakMap();
