// One jest run, several projects: each folder under tests/ is a kind of test.
const swc = ['@swc/jest', { jsc: { target: 'es2021', parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } }];
const moduleNameMapper = { '^@shared$': '<rootDir>/shared/index.ts', '^@shared/(.*)$': '<rootDir>/shared/$1' };

const nodeProject = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  roots: [`<rootDir>/tests/${name}`],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper,
  ...extra,
});

// Client component tests: jsdom, babel (tests/client/babel.config.js), Taro replaced by test doubles.
const clientProject = {
  displayName: 'client',
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/tests/client'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: { '^.+\\.(t|j)sx?$': ['babel-jest', { configFile: require('node:path').join(__dirname, 'tests/client/babel.config.js') }] },
  moduleNameMapper: {
    ...moduleNameMapper,
    '^@tarojs/taro$': '<rootDir>/tests/client/__mocks__/taro.ts',
    '^@tarojs/components$': '<rootDir>/tests/client/__mocks__/components.tsx',
    '\\.(css|scss)$': '<rootDir>/tests/client/__mocks__/style.ts',
    '\\.png$': '<rootDir>/tests/client/__mocks__/file.ts',
  },
  setupFilesAfterEnv: ['<rootDir>/tests/client/setup.ts'],
};

module.exports = {
  // testTimeout is a global option: per-project values are ignored by jest.
  testTimeout: 60000,
  projects: [
    nodeProject('unit'),
    nodeProject('db'),
    nodeProject('integration'),
    clientProject,
    // Compiled mini-program under miniprogram-simulate, and the h5 build in Debian chromium: both read dist/ as `npm test` builds it
    // (npm run build first); a dist/ older than the client tests stale pages.
    nodeProject('weapp'),
    nodeProject('e2e'),
  ],
};
