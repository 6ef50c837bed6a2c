import { createElement, forwardRef, useCallback } from 'react';
import { hostProps, useStylesheet } from './host';
import css from './ButtonStyle';

/**
 * Taro's h5 Button (taro-button-core) without its Stencil component (host.js says why): the same element,
 * attributes and stylesheet. A disabled button does not call onClick, as in the mini-program (WeChat's button)
 * and as the component tests' double has it; Taro's element stopped the click from bubbling but still ran the
 * handler. Not kept, as no screen of ours uses them: hover-class (no stylesheet of ours or Taro's styles
 * `button-hover`), form-type (no <Form>), open-type (WeChat's share and the like,
 * which Taro's element did nothing with either).
 */
export const Button = forwardRef(function Button(props, ref) {
  useStylesheet(css);
  const { children, disabled, loading, onClick } = props;
  const click = useCallback(
    (e) => {
      if (disabled) {
        e.stopPropagation();
        return;
      }
      onClick?.(e);
    },
    [disabled, onClick],
  );
  const host = hostProps(props, ref);
  // What the component reflected onto its element: its type ('' unless given), and `disabled` as a present
  // attribute when true (React writes "true"; the component rewrote it as "").
  host.type = props.type ?? '';
  if (disabled === true) host.disabled = '';
  host.onClick = click;
  if (props.onTouchStart) host.onTouchStart = props.onTouchStart;
  if (props.onTouchEnd) host.onTouchEnd = props.onTouchEnd;
  return createElement('taro-button-core', host, loading ? createElement('i', { className: 'weui-loading' }) : null, children);
});
