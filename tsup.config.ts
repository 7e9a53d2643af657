import { defineConfig } from 'tsup'

export default defineConfig({
  // `cli` is the `credit-ledger` bin (src/cli/main.ts starts with its shebang; tsup makes it executable).
  entry: { index: 'src/index.ts', testing: 'src/testing/index.ts', cli: 'src/cli/main.ts', postgres: 'src/postgres/index.ts' },
  format: ['esm', 'cjs'],
  // Types for the library's entry points only: the bin has none.
  dts: { entry: { index: 'src/index.ts', testing: 'src/testing/index.ts', postgres: 'src/postgres/index.ts' } },
  // Shared chunks in CJS too (esbuild does it for ESM by default): `credit-ledger/testing` and the bin
  // then load the same copy of the library's modules as `credit-ledger`, so `instanceof` of an error
  // class holds across the entry points, whichever way they are loaded.
  splitting: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  treeshake: true,
})
