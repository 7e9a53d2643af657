import { defineConfig } from 'vitest/config'

// Every run (npm test, an IDE, a single file) is under a time zone that is not
// UTC, so that any leak of the host's zone fails a test (date-fns does the same).
process.env.TZ = 'Asia/Kolkata'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    typecheck: { enabled: true, include: ['tests/**/*.test-d.ts'] },
    testTimeout: 60_000,
  },
})
