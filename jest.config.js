/*
 * Four kinds of jest tests: unit (node), unit-browser (jsdom), integration (the real test bed) and
 * browser (chromium against the development host and the test bed). `npm test` runs them all.
 */
const path = require('node:path');

const transform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic' } } } },
  ],
};

// Kibana provides these at runtime; outside Kibana the development host's stand-ins do.
const moduleNameMapper = {
  '^@kbn/i18n$': '<rootDir>/dev/host/kbn_runtime/i18n.ts',
  '^@kbn/i18n-react$': '<rootDir>/dev/host/kbn_runtime/i18n_react.tsx',
  '^@kbn/config-schema$': '<rootDir>/dev/host/kbn_runtime/config_schema.ts',
  '^@kbn/react-kibana-context-render$': '<rootDir>/dev/host/kbn_runtime/react_kibana_context_render.tsx',
  '\\.(css|scss)$': '<rootDir>/dev/test_runner/style_mock.js',
};

const base = { rootDir: __dirname, transform, moduleNameMapper, testPathIgnorePatterns: ['/node_modules/', '/target/'] };
const testBedSetup = {
  globalSetup: path.join(__dirname, 'test/global_setup.ts'),
  globalTeardown: path.join(__dirname, 'test/global_teardown.ts'),
};

module.exports = {
  projects: [
    {
      ...base,
      displayName: 'unit',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/{common,server,dev,test/unit}/**/*.test.ts'],
    },
    {
      ...base,
      displayName: 'unit-browser',
      testEnvironment: 'jsdom',
      // Resolve packages' CommonJS builds (uuid's browser build is ES modules only).
      testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] },
      // @elastic/charts depends on a uuid that ships ES modules only.
      transformIgnorePatterns: ['/node_modules/(?!uuid/)'],
      testMatch: ['<rootDir>/public/**/*.test.{ts,tsx}'],
      setupFiles: ['<rootDir>/dev/test_runner/jsdom_setup.js'],
      setupFilesAfterEnv: ['<rootDir>/dev/test_runner/jsdom_after_env.js'],
    },
    {
      ...base,
      ...testBedSetup,
      displayName: 'integration',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/long_timeout.ts'],
    },
    {
      ...base,
      ...testBedSetup,
      displayName: 'browser',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/functional/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/long_timeout.ts'],
    },
  ],
};
