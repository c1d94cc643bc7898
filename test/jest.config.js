/**
 * Cross-app tests: the built api and web client, driven through Debian's Chromium (`e2e`); built api
 * processes killed or cut off from Redis in the middle of a burst (`faults`, ES modules like test/bench).
 */
const api = require('../apps/api/jest.config.js');
const base = api.projects[0];
const esm = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2023' }, module: { type: 'es6' } }];

module.exports = {
  projects: [
    {
      displayName: 'e2e',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform: base.transform,
      moduleNameMapper: { '^@bridgepoint/contracts$': '<rootDir>/../libs/contracts/src/index.ts' },
      testMatch: ['<rootDir>/e2e/**/*.e2e.ts'],
      testTimeout: 120_000,
    },
    {
      displayName: 'faults',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': esm },
      extensionsToTreatAsEsm: ['.ts'],
      moduleNameMapper: { '^@bridgepoint/contracts$': '<rootDir>/../libs/contracts/src/index.ts' },
      testMatch: ['<rootDir>/faults/**/*.fault.ts'],
      testTimeout: 300_000,
    },
  ],
};
