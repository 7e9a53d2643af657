// @ts-check
/**
 * `npm run test:mutation`: StrykerJS mutates src/ and runs the vitest suite
 * against each mutant (per-test coverage, so a mutant runs only the tests
 * that reach it). Not in .ci/run: it takes long. Pick files with
 * `npm run test:mutation -- --mutate 'src/rules/**\/*.ts'`.
 * Equivalent survivors (mutants no test can tell from the original) are
 * listed with a reason each in tests/mutation/equivalent-mutants.md.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: ['src/**/*.ts', '!src/cli/**', '!src/**/index.ts'],
  coverageAnalysis: 'perTest',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  concurrency: 2,
  timeoutMS: 20_000,
  thresholds: { high: 95, low: 90, break: null },
  tempDirName: '.stryker-tmp',
}
