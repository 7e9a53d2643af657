// @ts-check
/**
 * A quicker mutation run than `npm run test:mutation`, for working on the
 * tests of a few files: one test runner, vitest without isolation between
 * files, a short timeout, incremental. `MUTATION_TESTS` picks the tests:
 * - `focus` (default): the suite minus three slow files — see vitest.focus.ts
 *   (which also says why no test file should fold at collection time: that
 *   work counts as "static" coverage, which makes Stryker run the whole suite
 *   for every mutant the work reaches);
 * - `rules-fold`: tests/rules and tests/fold alone.
 * A mutant detected by any of the test sets is detected by the whole suite,
 * so `node tests/mutation/score.mjs <report> <report> …` of several runs is a
 * lower bound of the whole suite's score.
 *
 *   MUTATION_TESTS=rules-fold npx stryker run tests/mutation/stryker.focus.mjs --mutate 'src/rules/**\/*.ts,src/fold/**\/*.ts'
 */
import base from '../../stryker.config.mjs'

const tests = process.env.MUTATION_TESTS ?? 'focus'

export default {
  ...base,
  vitest: { configFile: `tests/mutation/vitest.${tests}.ts` },
  reporters: ['clear-text', 'progress-append-only', 'json'],
  jsonReporter: { fileName: `reports/mutation/${tests}.json` },
  incremental: true,
  incrementalFile: `reports/mutation/${tests}.incremental.json`,
  concurrency: 1,
  timeoutMS: 4000,
}
