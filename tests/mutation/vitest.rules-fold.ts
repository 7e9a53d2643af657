import { defineConfig } from 'vitest/config'

// The new tests of the rules and the fold alone (the TZ of vitest.config.ts).
process.env.TZ = 'Asia/Kolkata'

export default defineConfig({
  test: { include: ['tests/rules/**/*.test.ts', 'tests/fold/**/*.test.ts'], isolate: false, testTimeout: 60_000 },
})
