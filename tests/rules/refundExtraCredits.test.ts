import { describe, expect, it } from 'vitest'
import { createLedger, evolve, replay, report, statement } from '../../src/index.js'
import { expectConservation, expectError } from '../support/assertions.js'
import { consumed, purchased, refunded, started } from '../support/events.js'
import { BASIC, usd } from '../support/plans.js'

// BASIC: 100 credits for USD 29.00. p1: 50 extra at USD 1.25 (62.50 charged).
const history = [
  started('s', '2025-01-10T09:00:00Z', BASIC),
  purchased('p1', '2025-01-11T00:00:00Z', 50, usd(125)),
]

describe('ExtraCreditsRefunded', () => {
  it('refunds at the unit price of the purchase after the ledger price changed, and never reduces charged', () => {
    // The ledger now sells at USD 2.00; p2 was bought at that price. Refund 20 of p1 and 5 of p2:
    // 20 × 1.25 = 25.00 and 5 × 2.00 = 10.00 → refundedMoney 35.00.
    const ledger = createLedger({ extraCreditPrice: usd(200) })
    const state = ledger.replay([
      ...history,
      purchased('p2', '2025-01-12T00:00:00Z', 10, usd(200)),
      refunded('r1', '2025-01-13T00:00:00Z', 'p1', 20),
      refunded('r2', '2025-01-13T00:00:01Z', 'p2', 5),
    ])
    expect(state.totals.refundedMoney).toEqual(usd(3500))
    // charged: 29.00 + 62.50 + 20.00 = 111.50, unchanged by the refunds.
    expect(state.totals.charged).toEqual(usd(11150))
    expect(state.totals.refunded).toBe(25)
    expect(state.buckets.map((b) => [b.id, b.remaining, b.unitPrice])).toEqual([
      ['b1', 100, null],
      ['b2', 30, usd(125)],
      ['b3', 5, usd(200)],
    ])
    expectConservation(state)
  })

  it('never claws back consumed credits: more than the remaining is REFUND_EXCEEDS_REMAINING naming data.quantity', () => {
    // 130 consumed: 100 from b1, 30 from p1's bucket b2 → 20 remain.
    const spent = replay([...history, consumed('c', '2025-01-12T00:00:00Z', 130)])
    const error = expectError(() => evolve(spent, refunded('r', '2025-01-13T00:00:00Z', 'p1', 25)), 'REFUND_EXCEEDS_REMAINING')
    expect(error).toMatchObject({ eventId: 'r', field: 'data.quantity', value: 25 })
    expect(error.message).toContain('20 unused credits')
    const all = evolve(spent, refunded('r', '2025-01-13T00:00:00Z', 'p1', 20))
    // The bucket is gone: 20 × 1.25 = 25.00 refunded.
    expect(all.buckets.map((b) => b.id)).toEqual([])
    expect(all.totals).toMatchObject({ refunded: 20, refundedMoney: usd(2500), consumed: 130 })
    expectConservation(all)
  })

  it('refuses UNKNOWN_PURCHASE naming data.purchaseId: used up or refunded, not an extra bucket, unknown', () => {
    const refundedAll = replay([...history, refunded('r0', '2025-01-12T00:00:00Z', 'p1', 50)])
    const base = replay(history)
    for (const [state, purchaseId] of [[refundedAll, 'p1'], [base, 's'], [base, 'nope']] as const) {
      const error = expectError(() => evolve(state, refunded('r', '2025-01-13T00:00:00Z', purchaseId, 1)), 'UNKNOWN_PURCHASE')
      expect(error).toMatchObject({ eventId: 'r', field: 'data.purchaseId', value: purchaseId })
    }
  })

  it('the reference comes before the amount: an unknown purchase with a huge quantity is UNKNOWN_PURCHASE', () => {
    expectError(() => evolve(replay(history), refunded('r', '2025-01-13T00:00:00Z', 'nope', 1e9)), 'UNKNOWN_PURCHASE')
  })

  it('the statement has one refund movement out of the purchase bucket, charging nothing', () => {
    const entries = [...statement([...history, refunded('r', '2025-01-13T00:00:00Z', 'p1', 20)])]
    expect(entries.filter((e) => e.eventId === 'r').map((e) => [e.kind, e.bucketId, e.source, e.credits, e.charged, e.balanceAfter])).toEqual([
      ['refund', 'b2', 'extra', -20, null, 130],
    ])
    // The report sums the money of the refund movements: 20 × 1.25 = 25.00.
    const { rows } = report([...history, refunded('r', '2025-01-13T00:00:00Z', 'p1', 20)], { period: 'month' })
    expect(rows[0]).toMatchObject({ refunded: { extra: 20 }, refundedMoney: usd(2500) })
  })
})
