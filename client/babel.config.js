// babel-preset-taro for the Taro build; jest uses tests/client/babel.config.js instead.
//
// h5: the browsers the app runs in at all. Taro's form controls are web components (native classes and
// customElements: Chrome 54, Safari 10.3), so Taro's default target for h5 (iOS 9, Android 5: ES5, async
// functions as regenerator state machines, classes and spreads as helper calls) bought no older browser and
// cost every page load that much more script to download and run. Chrome 57 is the oldest engine in use among
// China's in-app browsers (Tencent X5); WeChat on iOS needs iOS 12. The mini-program keeps Taro's default.
const h5Targets = { chrome: '57', ios: '11' };

module.exports = {
  presets: [
    [
      'taro',
      {
        // As client/config/index.ts chooses: Preact for the mini-program, React for h5.
        framework: process.env.TARO_ENV === 'h5' ? 'react' : 'preact',
        ts: true,
        compiler: 'webpack5',
        ...(process.env.TARO_ENV === 'h5' ? { targets: h5Targets } : {}),
      },
    ],
  ],
};
