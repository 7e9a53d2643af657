import { defineConfig, mergeConfig } from 'vitest/config'
import base from '../../vitest.mutation.config.js'

// The suite as tests/mutation/stryker.focus.mjs runs it: without three slow
// files; no isolation between files (modules load once per run). A test file
// that folds at collection time (a describe-level `replay(…)`, `history(…)` or
// `it.each(outputs(…))`) makes Stryker count that work as "static" coverage
// and run the whole suite for every mutant it reaches; the eight files this
// list used to leave out for it now fold inside their tests (values built by
// helpers the `it`s call, `it.each` tables of plain data). Other files still
// fold at collection time (tests/rules/cancel.test.ts, sameInstant.test.ts,
// tests/decide/lifecycle.test.ts, tests/properties/hostile.ts, …).
export default mergeConfig(
  base,
  defineConfig({
    test: {
      isolate: false,
      exclude: [
        // slow: a mutant's covering tests must stay cheap
        'tests/properties/properties.test.ts',
        'tests/bench/**',
        'tests/queries/report.test.ts',
      ],
    },
  }),
)
