// babel-preset-taro: https://docs.taro.zone/docs/next/babel-config
// .cjs because the root package.json is "type": "module".
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
