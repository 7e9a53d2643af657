import { describe, expect, it } from 'vitest'
import { balance, replay, report, statement, type ReportRow } from '../../src/index.js'
import { consumed, promoted, purchased, refunded, reversed, started, voided } from '../support/events.js'
import { BASIC, usd } from '../support/plans.js'

const SOURCES = ['subscription', 'rollover', 'extra', 'promotional'] as const

/** opening + Σgranted + Σreversed − Σconsumed − Σexpired − Σvoided − Σrefunded = closing (SPEC §9.4). */
function conserves(row: ReportRow): boolean {
  let sum = row.opening + row.reversed.deficit - row.consumed.deficit
  for (const s of SOURCES) sum += row.granted[s] + row.reversed[s] - row.consumed[s] - row.expired[s] - row.voided[s] - row.refunded[s]
  return sum === row.closing
}

// January: start BASIC (b1: 100, USD 29), buy 50 extra at 1.25 (b2), a promotion of 40 until 01-31 (b3), consume 160:
// 40 from b3 (it expires first), 100 from b1, 20 from b2 (30 left); a promotion of 15 (b4), voided at once.
// February: reverse 30 of the consumption on 02-05 (last draw first: 20 back into b2, then 10 into b1, re-created
// and expiring 02-10 with them), refund 25 of b2 on 02-06 (25 × 1.25 = 31.25).
const events = [
  started('s', '2025-01-10T09:00:00Z', BASIC),
  purchased('p', '2025-01-11T00:00:00Z', 50, usd(125)),
  promoted('g', '2025-01-12T00:00:00Z', 40, '2025-01-31T00:00:00Z'),
  consumed('c', '2025-01-13T00:00:00Z', 160),
  promoted('g2', '2025-01-14T00:00:00Z', 15, null),
  voided('v', '2025-01-15T00:00:00Z', 'g2'),
  reversed('r', '2025-02-05T00:00:00Z', 'c', 30),
  refunded('f', '2025-02-06T00:00:00Z', 'p', 25),
]

describe('statement entries of corrections', () => {
  it('writes void, reverse (last draw first) and refund entries, signed, none zero', () => {
    const entries = [...statement(events)].filter((e) => ['v', 'r', 'f'].includes(e.eventId ?? ''))
    expect(entries.map((e) => [e.eventId, e.kind, e.source, e.bucketId, e.credits])).toEqual([
      ['v', 'void', 'promotional', 'b4', -15],
      ['r', 'reverse', 'extra', 'b2', 20],
      ['r', 'reverse', 'subscription', 'b1', 10],
      ['f', 'refund', 'extra', 'b2', -25],
    ])
  })

  it('still sums to available − deficit, and per bucket to its remaining', () => {
    const all = [...statement(events)]
    const state = replay(events)
    const { available, deficit } = balance(state)
    expect(all.reduce((n, e) => n + e.credits, 0)).toBe(available - deficit)
    for (const bucket of state.buckets) {
      expect(all.filter((e) => e.bucketId === bucket.id).reduce((n, e) => n + e.credits, 0), bucket.id).toBe(bucket.remaining)
    }
  })
})

describe('report columns of corrections', () => {
  it('counts reversed, voided, refunded by source and refundedMoney, and every row conserves', () => {
    const { rows, totals } = report(events, { period: 'month' })
    const [jan, feb] = rows
    // January: granted 100 + 50 + 40 + 15 = 205; consumed 160; voided 15; closing 30.
    expect(jan).toMatchObject({ opening: 0, closing: 30, voided: { subscription: 0, rollover: 0, extra: 0, promotional: 15 }, refundedMoney: null })
    // Unused extra: b2's 30 × 1.25 = 37.50.
    expect(jan!.extraLiability).toEqual(usd(3750))
    // February: b1's 10 restored credits expire 02-10, the renewal grants 100. Reversed 20 extra + 10 subscription;
    // refunded 25 extra.
    expect(feb).toMatchObject({
      reversed: { subscription: 10, rollover: 0, extra: 20, promotional: 0, deficit: 0 },
      refunded: { subscription: 0, rollover: 0, extra: 25, promotional: 0 },
      refundedMoney: usd(3125),
      expired: { subscription: 10, rollover: 0, extra: 0, promotional: 0 },
    })
    // Extra left: 30 + 20 − 25 = 25 × 1.25 = 31.25: up with the reversal into b2, down with the refund.
    expect(feb!.extraLiability).toEqual(usd(3125))
    expect(rows.every(conserves)).toBe(true)
    expect(totals.USD).toMatchObject({ refundedMoney: usd(3125), voided: { promotional: 15 }, reversed: { extra: 20, subscription: 10 } })
  })

  it('extraLiability rises with a reversal into an extra bucket and falls with a refund (day rows)', () => {
    const { rows } = report(events, { period: 'day', from: '2025-02-04T00:00:00Z', to: '2025-02-07T00:00:00Z' })
    // 02-04: 30 extra (37.50); 02-05: +20 reversed into b2 (62.50); 02-06: −25 refunded (31.25).
    expect(rows.map((r) => r.extraLiability)).toEqual([usd(3750), usd(6250), usd(3125)])
    expect(rows.every(conserves)).toBe(true)
  })
})
