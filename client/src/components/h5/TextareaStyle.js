/** taro-textarea-core's stylesheet, verbatim from its Stencil component (@tarojs/components 4.2.1; host.js says how it is put in the page). */
// prettier-ignore
export default "taro-textarea-core{width:300px;display:block}taro-textarea-core .auto-height{height:auto}.taro-textarea{width:100%;height:inherit;appearance:none;cursor:auto;border:0;line-height:1.5;display:block;position:relative}.taro-textarea:focus{outline:none}";
