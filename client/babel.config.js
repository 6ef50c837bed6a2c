// babel-preset-taro for the Taro build; jest uses tests/client/babel.config.js instead.
module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
      },
    ],
  ],
};
