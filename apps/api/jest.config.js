/**
 * Two projects, one run: `unit` (src/**\/*.spec.ts, pure rules and helpers: no database, no global set-up) and
 * `e2e` (test/**\/*.e2e-spec.ts and the service tests test/services/*.service-spec.ts: the migrated, demo-seeded database of test/setup/global-setup.ts).
 * `pnpm test` runs both; `pnpm test:unit` runs `unit` alone (seconds, no PGlite start);
 * `npx jest --runInBand test/e2e/<file>.e2e-spec.ts` runs one e2e file.
 */
/** @type {import('jest').Config['transform']} */
const transform = {
  '^.+\\.(t|m?j)s$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        // as tsc builds it (tsconfig useDefineForClassFields: false): a DTO instance has no own keys for absent fields
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    },
  ],
};

const common = {
  rootDir: '.',
  testEnvironment: 'node',
  transform,
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/)?(@nestjs|file-type|load-esm|strtok3|token-types|@tokenizer|uint8array-extras|content-disposition))'],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/test/**/*.service-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
  ],
};
