import { defineCustomElement } from '@tarojs/components/dist/components/taro-switch-core.js';
import { taroComponent } from './taroComponent';

export const Switch = /*@__PURE__*/ taroComponent('taro-switch-core', defineCustomElement);
