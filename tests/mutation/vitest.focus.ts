import { defineConfig, mergeConfig } from 'vitest/config'
import base from '../../vitest.mutation.config.js'

// The suite as tests/mutation/stryker.focus.mjs runs it: without the files
// that fold at collection time (a describe-level `replay(…)`, `history(…)` or
// `it.each(outputs(…))`: that work counts as "static" coverage, and Stryker
// runs the whole suite for every mutant it reaches) and without three slow
// files; no isolation between files (modules load once per run).
export default mergeConfig(
  base,
  defineConfig({
    test: {
      isolate: false,
      exclude: [
        'tests/decide/decide.test.ts',
        'tests/decide/window-index.test.ts',
        'tests/decide/properties.test.ts',
        'tests/testing/given.test.ts',
        'tests/fold/window-pages.test.ts',
        'tests/state/parseState.test.ts',
        'tests/errors/errors.test.ts',
        'tests/evolve/immutability.test.ts',
        // slow: a mutant's covering tests must stay cheap
        'tests/properties/properties.test.ts',
        'tests/bench/**',
        'tests/queries/report.test.ts',
      ],
    },
  }),
)
