import { defineCustomElement } from '@tarojs/components/dist/components/taro-map-core.js';
import { taroComponent } from './taroComponent';

export const Map = /*@__PURE__*/ taroComponent('taro-map-core', defineCustomElement);
