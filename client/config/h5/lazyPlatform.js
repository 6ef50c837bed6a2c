// What `platform` is in the h5 build (client/config/index.ts says why): the same object, parsed when first read.
// The package parses navigator.userAgent as its module loads, some hundred regular expressions built and run
// (13–24 ms of main thread in h5profile on 任务详情 and 审核队列, 50–100 ms at Lighthouse's 4× CPU). Taro's h5 API
// reads it only in getDeviceInfo / getSystemInfo (brand, model, os), which the app never calls itself; the module
// comes with Taro's photo APIs (chooseMedia asks getDeviceInfo about a video), so every screen that can attach a
// photo paid for it at open.
let parsed;
function real() {
  return parsed || (parsed = require('platform/platform.js'));
}

const platform = {
  parse: (ua) => real().parse(ua),
  toString: () => real().toString(),
};
for (const key of ['description', 'layout', 'manufacturer', 'name', 'os', 'prerelease', 'product', 'ua', 'version']) {
  Object.defineProperty(platform, key, { enumerable: true, get: () => real()[key] });
}

export default platform;
