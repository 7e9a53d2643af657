import { defineConfig, mergeConfig } from 'vitest/config'
import base from './vitest.config.js'

// The suite as Stryker runs it: the same tests, without the type tests (they
// do not run code) and without the tests that spawn processes of the built
// package (they cannot see a mutant).
export default mergeConfig(
  base,
  defineConfig({
    test: {
      typecheck: { enabled: false },
      exclude: ['tests/cli/**', 'tests/postgres/**', 'node_modules/**'],
    },
  }),
)
