import { forwardRef, type ComponentType, type Ref } from 'react';
import type { TextProps, ViewProps } from '@tarojs/components';
import ReactText from '@tarojs/components-react/dist/components/text/index.js';
import ReactView from '@tarojs/components-react/dist/components/view/index.js';
import './ViewText.scss';

/** Taro's React View: a div. */
export const View = ReactView as ComponentType<ViewProps>;

const BaseText = ReactText as ComponentType<TextProps & { ref?: Ref<HTMLSpanElement> }>;

/** Taro's React Text, a span; `userSelect` is WeChat's newer name for `selectable`, which is the one it reads. */
export const Text = forwardRef<HTMLSpanElement, TextProps>(function Text({ userSelect, selectable, ...props }, ref) {
  return <BaseText {...props} selectable={selectable || userSelect} ref={ref} />;
});
