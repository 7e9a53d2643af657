/**
 * Instants on the wire are ISO-8601 strings with an explicit offset; inside
 * the library they are epoch milliseconds, and everything the library writes
 * is in the `toISOString()` form, which sorts lexicographically in time order
 * for the years it accepts (0001–9998).
 */

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|([+-])(\d{2}):(\d{2}))$/
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** The earliest and latest instants accepted: years 0001 to 9998 in UTC (see README). */
export const MIN_INSTANT = new Date(0).setUTCFullYear(1, 0, 1) // 0001-01-01T00:00:00.000Z
export const MAX_INSTANT = Date.UTC(9999, 0, 1) - 1

function daysIn(year: number, month: number): number {
  if (month !== 2) return DAYS[month - 1]!
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
}

/**
 * Reads an ISO-8601 timestamp with an explicit offset strictly.
 *
 * @param text - `YYYY-MM-DDTHH:mm[:ss[.fraction]]` followed by `Z` or `±hh:mm`
 * @returns epoch milliseconds (fractions below the millisecond truncated), or
 *   `NaN` for anything else: no offset, an impossible date (2025-02-30), an
 *   hour of 24, a leap second, or a year outside 0001–9998 once in UTC.
 * @example
 * parseInstant('2024-01-31T10:00:00-05:00') // 1706713200000
 */
export function parseInstant(text: string): number {
  const m = INSTANT.exec(text)
  if (m === null) return NaN
  const year = +m[1]!
  const month = +m[2]!
  const day = +m[3]!
  const hour = +m[4]!
  const minute = +m[5]!
  const second = m[6] === undefined ? 0 : +m[6]
  const millis = m[7] === undefined ? 0 : +(m[7] + '00').slice(0, 3)
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return NaN
  if (hour > 23 || minute > 59 || second > 59) return NaN
  let offset = 0
  if (m[8] !== 'Z') {
    const oh = +m[10]!
    const om = +m[11]!
    if (oh > 23 || om > 59) return NaN
    offset = (m[9] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000
  }
  let ms = Date.UTC(year, month - 1, day, hour, minute, second, millis)
  if (year < 100) ms = new Date(ms).setUTCFullYear(year)
  ms -= offset
  return ms >= MIN_INSTANT && ms <= MAX_INSTANT ? ms : NaN
}

/** Whether `text` is already in the canonical `toISOString()` form (given that it parsed). */
export function isCanonical(text: string): boolean {
  return text.length === 24 && text.charCodeAt(23) === 90 /* Z */ && text.charCodeAt(19) === 46 /* . */
}

/** The canonical form of an instant: `toISOString()`, UTC, milliseconds. */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString()
}
