import { createElement, forwardRef, useState } from 'react';
import { hostProps, useStylesheet, withDetail } from './host';
import css from './SwitchStyle';

/**
 * Taro's h5 Switch (taro-switch-core) without its Stencil component (host.js says why): the same element, its
 * checkbox (class weui-switch, filled with `color` when on) and stylesheet. onChange gets e.detail.value, the new
 * state. With `checked` given it is controlled, as Taro's React wrapper made it: a change the screen does not take
 * up is undone (React's controlled checkbox does that); without, it keeps its own state.
 */
export const Switch = forwardRef(function Switch(props, ref) {
  useStylesheet(css);
  const { type = 'switch', checked, color = '#04BE02', name, disabled = false, nativeProps, onChange } = props;
  const [own, setOwn] = useState(!!props.defaultChecked);
  const on = checked === undefined ? own : !!checked;
  const change = (e) => {
    e.stopPropagation();
    const value = e.target.checked;
    if (checked === undefined) setOwn(value);
    onChange?.(withDetail(e, { value }));
  };
  const style = on ? { borderColor: color || '04BE02', backgroundColor: color || '04BE02' } : {};
  const input = createElement('input', {
    type: 'checkbox',
    className: `weui-${type}`,
    style,
    checked: on,
    name,
    disabled,
    onChange: change,
    ...nativeProps,
  });
  return createElement('taro-switch-core', hostProps(props, ref), input);
});
