/** Unit specs live beside the code; integration suites live under test/ and use the machine's Postgres and Redis. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2023',
    },
    module: { type: 'commonjs' },
  },
];

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: { '^@bridgepoint/contracts$': '<rootDir>/../../libs/contracts/src/index.ts' },
};

module.exports = {
  projects: [
    { ...common, displayName: 'api:unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'api:postgres',
      testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
      setupFiles: ['<rootDir>/test/env-postgres.ts'],
    },
    {
      ...common,
      displayName: 'api:pglite',
      testMatch: ['<rootDir>/test/**/*.core.int-spec.ts'],
      setupFiles: ['<rootDir>/test/env-pglite.ts'],
    },
  ],
};
