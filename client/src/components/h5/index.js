/**
 * What `@tarojs/components` is in the h5 build (client/config/index.ts points the import here; the mini-program
 * keeps WeChat's own components): Taro's components, except View and Text, which are plain React elements
 * (a div, a span: Taro's @tarojs/components-react) instead of Stencil web components, and the form controls
 * (Button, Input, Switch, Textarea), which are Taro's elements rendered by React without their Stencil component.
 *
 * Every <taro-view-core> and <taro-text-core> was a custom element: defined, upgraded, rendered again by Stencil
 * in an animation frame after React had rendered it, and its props copied over by a wrapper on every render.
 * They are most of a screen's elements, and that work was a third of the main thread's work while a page
 * loads (npm run bench -- h5profile). The form controls' pass was the next largest (host.js): they keep their
 * elements, attributes, stylesheets and events (e.detail.value), so our styles and the e2e suites' selectors are
 * unchanged.
 */
// Re-exports only: a View or Text defined in this module beside the `export *` had webpack (5.91) drop its imports.
// JavaScript, not TypeScript: the Stencil library's types would bring @stencil/core's jest matchers into tsc, where
// they clash with jest-dom's (toHaveAttribute). The components' types are @tarojs/components' own.
// The components the app uses come a module each (taroComponent.js says why); a name exported here outranks the
// same name from the `export *`, which still gives any other component (all of them in one chunk, as before).
export * from '@tarojs/components/lib/react';
export { View, Text } from './ViewText';
export { Button } from './Button';
export { Image } from './Image';
export { Input } from './Input';
export { Map } from './Map';
export { Picker } from './Picker';
export { Switch } from './Switch';
export { Textarea } from './Textarea';
