import { expect, it } from 'vitest'

// `npm test` runs under TZ=Asia/Kolkata (UTC+05:30, a half-hour offset), as
// date-fns runs its own tests, so that any use of the host's time zone in
// the library shows up as a wrong date. This guards the guard.
it('runs under a time zone that is not UTC', () => {
  expect(new Date(Date.UTC(2024, 0, 31, 20, 0)).getTimezoneOffset()).not.toBe(0)
  expect(new Date(Date.UTC(2024, 0, 31, 20, 0)).getDate()).not.toBe(31)
})
