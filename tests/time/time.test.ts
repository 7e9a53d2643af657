/** SPEC §2: anniversaries in UTC from the anchor, half-open periods, advanceTo. */
import { describe, expect, it } from 'vitest'
import { advanceTo, balance, evolve, initialState, replay } from '../../src/index.js'
import { expectConservation, expectError } from '../support/assertions.js'
import { consumed, purchased, started, upgraded } from '../support/events.js'
import { BASIC, PRO, usd } from '../support/plans.js'

/** The successive period ends of a subscription started at `anchor`, read by advancing to each. */
function periodEnds(anchor: string, count: number): string[] {
  let state = replay([started('s', anchor, BASIC)])
  const ends: string[] = []
  for (let k = 1; k <= count; k++) {
    const sub = state.subscription!
    expect(sub.period).toBe(k)
    ends.push(sub.periodEnd)
    state = advanceTo(state, sub.periodEnd)
    expect(state.subscription!.periodStart).toBe(sub.periodEnd)
  }
  return ends
}

describe('anniversaries are calendar months from the anchor in UTC, clamped, never chained', () => {
  it('anchor 2024-01-31T10:00Z gives Feb 29, Mar 31, Apr 30, May 31 (leap year)', () => {
    expect(periodEnds('2024-01-31T10:00:00Z', 5)).toEqual([
      '2024-02-29T10:00:00.000Z',
      '2024-03-31T10:00:00.000Z',
      '2024-04-30T10:00:00.000Z',
      '2024-05-31T10:00:00.000Z',
      '2024-06-30T10:00:00.000Z',
    ])
  })

  it('anchor on the 31st in a common year', () => {
    expect(periodEnds('2025-01-31T00:00:00Z', 3)).toEqual([
      '2025-02-28T00:00:00.000Z',
      '2025-03-31T00:00:00.000Z',
      '2025-04-30T00:00:00.000Z',
    ])
  })

  it('anchor on the 30th goes back to the 30th after February', () => {
    expect(periodEnds('2025-01-30T23:59:59.999Z', 3)).toEqual([
      '2025-02-28T23:59:59.999Z',
      '2025-03-30T23:59:59.999Z',
      '2025-04-30T23:59:59.999Z',
    ])
  })

  it('anchor on the 29th: Feb 28 in a common year, Feb 29 in a leap year', () => {
    expect(periodEnds('2025-01-29T12:00:00Z', 2)).toEqual(['2025-02-28T12:00:00.000Z', '2025-03-29T12:00:00.000Z'])
    expect(periodEnds('2024-01-29T12:00:00Z', 2)).toEqual(['2024-02-29T12:00:00.000Z', '2024-03-29T12:00:00.000Z'])
  })

  it('anchor on the 28th stays on the 28th', () => {
    expect(periodEnds('2025-01-28T08:00:00Z', 3)).toEqual([
      '2025-02-28T08:00:00.000Z',
      '2025-03-28T08:00:00.000Z',
      '2025-04-28T08:00:00.000Z',
    ])
  })

  it('anchor on Feb 29 2024: the 29th each month, Feb 28 in 2025, Feb 29 again in 2028', () => {
    const state = replay([started('s', '2024-02-29T00:00:00Z', BASIC)])
    expect(state.subscription!.periodEnd).toBe('2024-03-29T00:00:00.000Z')
    const year = advanceTo(state, '2025-02-28T00:00:00Z')
    expect(year.subscription).toMatchObject({
      period: 13,
      periodStart: '2025-02-28T00:00:00.000Z',
      periodEnd: '2025-03-29T00:00:00.000Z',
    })
    const leap = advanceTo(state, '2028-02-29T00:00:00Z')
    expect(leap.subscription).toMatchObject({
      period: 49,
      periodStart: '2028-02-29T00:00:00.000Z',
      periodEnd: '2028-03-29T00:00:00.000Z',
    })
  })

  it('reads the anchor in UTC: 2024-01-31T02:00+05:30 is January 30th in UTC', () => {
    // In UTC the anchor is 2024-01-30T20:30Z, so the ends are Feb 29 and Mar 30 at 20:30Z
    // (reading the day in Asia/Kolkata would give Feb 28 20:30Z and Mar 30 20:30Z).
    expect(periodEnds('2024-01-31T02:00:00+05:30', 2)).toEqual(['2024-02-29T20:30:00.000Z', '2024-03-30T20:30:00.000Z'])
  })

  it('an upgrade re-anchors: the old anniversary no longer counts', () => {
    const state = replay([started('s', '2025-01-31T10:00:00Z', BASIC), upgraded('u', '2025-02-10T10:00:00Z', PRO)])
    expect(state.subscription).toMatchObject({
      anchor: '2025-02-10T10:00:00.000Z',
      period: 1,
      periodEnd: '2025-03-10T10:00:00.000Z',
    })
    const later = advanceTo(state, '2025-02-28T10:00:00Z')
    expect(later.subscription!.period).toBe(1)
  })
})

describe('periods are half-open [periodStart, periodEnd)', () => {
  const history = [started('s', '2025-01-10T09:00:00Z', BASIC), consumed('c1', '2025-01-11T09:00:00Z', 30)]

  it('a consumption at exactly periodEnd sees the new period; the old credits are gone', () => {
    const state = replay([...history, consumed('c2', '2025-02-10T09:00:00Z', 10)])
    expect(state.subscription).toMatchObject({ period: 2, periodStart: '2025-02-10T09:00:00.000Z' })
    expect(state.buckets.map((b) => [b.source, b.granted, b.remaining])).toEqual([['subscription', 100, 90]])
    expect(state.totals).toMatchObject({ granted: 200, consumed: 40, expired: 70 })
  })

  it('a consumption 1 ms before periodEnd spends the old credits', () => {
    const state = replay([...history, consumed('c2', '2025-02-10T08:59:59.999Z', 10)])
    expect(state.subscription!.period).toBe(1)
    expect(state.buckets.map((b) => [b.id, b.remaining])).toEqual([['b1', 60]])
    expect(state.totals).toMatchObject({ granted: 100, consumed: 40, expired: 0 })
  })

  it('advanceTo 1 ms before the end keeps the credits, at the end expires them', () => {
    const state = replay(history)
    expect(balance(advanceTo(state, '2025-02-10T08:59:59.999Z')).available).toBe(70)
    const renewed = advanceTo(state, '2025-02-10T09:00:00.000Z')
    expect(renewed.buckets.map((b) => [b.id, b.remaining])).toEqual([['b2', 100]])
  })

  it('the same instant written with another offset is the same instant', () => {
    const state = replay([...history, consumed('c2', '2025-02-10T14:30:00+05:30', 10)])
    expect(state.subscription!.period).toBe(2)
  })
})

describe('advanceTo', () => {
  const start = () => replay([started('s', '2025-01-10T09:00:00Z', BASIC), purchased('p', '2025-01-10T09:01:00Z', 10)])

  it('applies ten years of renewals in one call', () => {
    const state = advanceTo(start(), '2035-01-10T09:00:00Z')
    expect(state.clock).toBe('2035-01-10T09:00:00.000Z')
    expect(state.subscription).toMatchObject({
      period: 121,
      periodStart: '2035-01-10T09:00:00.000Z',
      periodEnd: '2035-02-10T09:00:00.000Z',
    })
    // 121 grants of 100 and the 10 extra; 120 full periods expired; 121 × 29.00 + 12.50
    expect(state.totals).toEqual({ granted: 12_110, consumed: 0, expired: 12_000, charged: usd(121 * 2900 + 1250), reversed: 0, voided: 0, refunded: 0, refundedMoney: null })
    expect(state.buckets.map((b) => [b.source, b.remaining])).toEqual([
      ['subscription', 100],
      ['extra', 10],
    ])
    expect(state.buckets[0]!.id).toBe('b122')
    expectConservation(state)
  })

  it('equals advancing step by step', () => {
    let stepped = start()
    for (const at of ['2025-03-01T00:00:00Z', '2026-07-10T09:00:00Z', '2035-01-10T09:00:00Z']) stepped = advanceTo(stepped, at)
    expect(stepped).toEqual(advanceTo(start(), '2035-01-10T09:00:00Z'))
  })

  it('returns the same object when at equals the clock (in any spelling)', () => {
    const state = start()
    expect(advanceTo(state, '2025-01-10T09:01:00.000Z')).toBe(state)
    expect(advanceTo(state, '2025-01-10T14:31:00+05:30')).toBe(state)
  })

  it('refuses an at before the clock with OUT_OF_ORDER', () => {
    const error = expectError(() => advanceTo(start(), '2025-01-10T09:00:59.999Z'), 'OUT_OF_ORDER')
    expect(error.message).toContain('2025-01-10T09:00:59.999Z')
  })

  it.each(['2025-02-30T00:00:00Z', 'tomorrow', '2025-03-01T00:00:00', ''])('refuses %j with INVALID_ARGUMENT', (at) => {
    const error = expectError(() => advanceTo(start(), at), 'INVALID_ARGUMENT')
    expect(error.field).toBe('at')
  })

  it('refuses a non-string with INVALID_ARGUMENT', () => {
    expectError(() => advanceTo(start(), 12345 as unknown as string), 'INVALID_ARGUMENT')
  })

  it('moves the clock with no subscription (and from the initial state)', () => {
    const noSub = replay([purchased('p', '2025-01-10T09:00:00Z', 10)])
    const moved = advanceTo(noSub, '2026-01-01T00:00:00+01:00')
    expect(moved.clock).toBe('2025-12-31T23:00:00.000Z')
    expect(moved.buckets).toEqual(noSub.buckets)
    expect(advanceTo(initialState, '2025-01-01T00:00:00Z').clock).toBe('2025-01-01T00:00:00.000Z')
  })

  it('prunes the idempotency window', () => {
    const state = evolve(start(), consumed('c', '2025-01-11T00:00:00Z', 1))
    expect(state.window.flat().map((w) => w.id)).toEqual(['s', 'p', 'c'])
    // s and p were applied at 09:00 and 09:01 on the 10th: forgotten 24 h later.
    expect(advanceTo(state, '2025-01-11T09:00:30Z').window.flat().map((w) => w.id)).toEqual(['p', 'c'])
    expect(advanceTo(state, '2025-01-12T00:00:00Z').window).toEqual([])
  })

  it('does not change or freeze anything when it throws, and leaves the input usable', () => {
    const state = start()
    const before = JSON.stringify(state)
    expectError(() => advanceTo(state, '2020-01-01T00:00:00Z'), 'OUT_OF_ORDER')
    expect(JSON.stringify(state)).toBe(before)
    expect(balance(advanceTo(state, '2025-02-10T09:00:00Z')).available).toBe(110)
  })
})
