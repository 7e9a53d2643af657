import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatInstant, MAX_INSTANT, MIN_INSTANT, parseInstant } from '../../src/time/instant.js'

const anyInstant = fc.integer({ min: MIN_INSTANT, max: MAX_INSTANT })
const offsetMinutes = fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 })

/** `ms` written as local time at `offset` minutes from UTC, `YYYY-MM-DDTHH:mm:ss.sss±hh:mm`. */
function withOffset(ms: number, offset: number): string {
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, 23)
  const abs = Math.abs(offset)
  const hh = String(Math.floor(abs / 60)).padStart(2, '0')
  const mm = String(abs % 60).padStart(2, '0')
  return `${local}${offset < 0 ? '-' : '+'}${hh}:${mm}`
}

describe('parseInstant', () => {
  it('reads back every instant it accepts in the toISOString() form', () => {
    fc.assert(fc.property(anyInstant, (ms) => parseInstant(formatInstant(ms)) === ms))
  })

  it('reads an instant written with any offset as the same instant', () => {
    fc.assert(
      fc.property(anyInstant, offsetMinutes, (ms, offset) => {
        const local = ms + offset * 60_000
        fc.pre(local >= MIN_INSTANT && local <= MAX_INSTANT)
        return parseInstant(withOffset(ms, offset)) === ms
      }),
    )
  })

  it.each([
    ['2024-01-31T10:00Z', '2024-01-31T10:00:00.000Z'],
    ['2024-01-31T10:00:05Z', '2024-01-31T10:00:05.000Z'],
    ['2024-01-31T10:00:05.5Z', '2024-01-31T10:00:05.500Z'],
    ['2024-01-31T10:00:05.123999Z', '2024-01-31T10:00:05.123Z'],
    ['2024-01-31T05:00:00-05:00', '2024-01-31T10:00:00.000Z'],
    ['2024-03-01T00:30:00+01:00', '2024-02-29T23:30:00.000Z'],
    ['0050-06-01T00:00:00Z', '0050-06-01T00:00:00.000Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(formatInstant(parseInstant(text))).toBe(iso)
  })

  it.each([
    '2025-02-29T00:00:00Z', // not a leap year
    '2025-02-30T00:00:00.000Z',
    '2024-04-31T00:00:00Z',
    '2024-13-01T00:00:00Z',
    '2024-01-01T24:00:00Z',
    '2024-01-01T23:60:00Z',
    '2024-01-01T23:59:60Z', // no leap seconds
    '2024-01-01T00:00:00', // no offset
    '2024-01-01T00:00:00.000', // no offset
    '2024-01-01', // no time
    '2024-01-01 00:00:00Z',
    '2024-01-01t00:00:00z',
    '2024-01-01T00:00:00+24:00',
    '2024-01-01T00:00:00+0100',
    '0000-12-31T23:59:59.999Z', // before year 1
    '9999-01-01T00:00:00.000Z', // after 9998
    '2024-01-0xT00:00:00.000Z',
    '',
  ])('refuses %j', (text) => {
    expect(parseInstant(text)).toBeNaN()
  })
})
