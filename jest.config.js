// Three projects, one run: pure unit specs, workflow specs on the time-skipping server,
// and end-to-end specs through GraphQL over HTTP against real Postgres and a real
// Temporal dev server (started once by the e2e global setup).
// Our TypeScript and the ES-module-only packages of node_modules (see the transformer).
const transform = { '^.+\\.(ts|js|mjs)$': '<rootDir>/test/support/jest-transformer.js' };

const common = {
  transform,
  transformIgnorePatterns: [],
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};

/** @type {import('jest').Config} */
module.exports = {
  // Generous: e2e hooks boot servers on a 2-core machine; a hang still fails, just later.
  testTimeout: 120_000,
  reporters: ['<rootDir>/test/support/progress-reporter.js', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{src,workflows,activities,graphql}/**/*.spec.ts', '<rootDir>/test/unit/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'workflow',
      testMatch: ['<rootDir>/test/workflows/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts', '<rootDir>/test/e2e/**/*.integration-spec.ts'],
      globalSetup: '<rootDir>/test/support/e2e-global-setup.ts',
      globalTeardown: '<rootDir>/test/support/e2e-global-teardown.ts',
    },
  ],
};
