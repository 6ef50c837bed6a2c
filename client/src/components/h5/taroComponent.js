/**
 * One of Taro's Stencil components as a React component, as @tarojs/components/lib/react makes each of them. That
 * module makes all of them (some 110, each defining its custom element when the module runs): one module, so webpack
 * put every component any page used — the map with hammerjs, the picker — in the chunk every page loads, and defined
 * them all at start. A module per component here instead (Button.js, Map.js…): a page loads and defines what it uses.
 */
import { manipulatePropsFunction } from '@tarojs/components/lib/react/helper.js';
import { createReactComponent } from '@tarojs/components/lib/react/react-component-lib/createComponent.js';

export function taroComponent(tagName, defineCustomElement) {
  return createReactComponent(tagName, undefined, manipulatePropsFunction, defineCustomElement);
}
