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
/** The latest instant accepted: the last millisecond of 9998 in UTC (see `MIN_INSTANT`). */
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
  if (isCanonical(text)) return parseCanonical(text)
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
  const ms = daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + millis - offset
  return ms >= MIN_INSTANT && ms <= MAX_INSTANT ? ms : NaN
}

/** The value of the decimal digits of `text` from `start` to `end`, or NaN. */
function digits(text: string, start: number, end: number): number {
  let value = 0
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 48
    if (d < 0 || d > 9) return NaN
    value = value * 10 + d
  }
  return value
}

/** The fast path for the `toISOString()` form, which is what most exports hold. */
function parseCanonical(text: string): number {
  if (
    text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 ||
    text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58
  ) {
    return NaN
  }
  const year = digits(text, 0, 4)
  const month = digits(text, 5, 7)
  const day = digits(text, 8, 10)
  const hour = digits(text, 11, 13)
  const minute = digits(text, 14, 16)
  const second = digits(text, 17, 19)
  const millis = digits(text, 20, 23)
  // NaN fails every comparison below, so a non-digit falls through to NaN.
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month))) return NaN
  if (!(hour <= 23 && minute <= 59 && second <= 59 && millis >= 0)) return NaN
  const ms = daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + millis
  return ms >= MIN_INSTANT && ms <= MAX_INSTANT ? ms : NaN
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * `days_from_civil`): plain arithmetic, no `Date`, no two-digit-year quirk.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146_097 + doe - 719_468
}

/** Whether `text` has the shape of the canonical `toISOString()` form (`parseInstant` checks the rest). */
export function isCanonical(text: string): boolean {
  return text.length === 24 && text.charCodeAt(23) === 90 /* Z */ && text.charCodeAt(19) === 46 /* . */
}

/** The canonical form of an instant: `toISOString()`, UTC, milliseconds. */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString()
}

/** The canonical form of `text`, which parses to `ms`: `text` itself when it is canonical already (no string is made). */
export function canonicalInstant(text: string, ms: number): string {
  return isCanonical(text) ? text : formatInstant(ms)
}
