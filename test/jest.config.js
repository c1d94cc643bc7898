/** Cross-app tests: the built api and web client, driven through Debian's Chromium. */
const api = require('../apps/api/jest.config.js');
const base = api.projects[0];

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
  ],
};
