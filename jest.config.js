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

module.exports = {
  projects: [
    nodeProject('unit'),
    nodeProject('db', { testTimeout: 60000 }),
    nodeProject('integration', { testTimeout: 60000 }),
  ],
};
