/**
 * `SubscriptionStarted` (SPEC §4) and `ExtraCreditsPurchased` (SPEC §1.3):
 * the buckets they create, what they keep, and what they charge.
 */
import { describe, expect, it } from 'vitest'
import { evolve, replay } from '../../src/index.js'
import { expectConservation } from '../support/assertions.js'
import { consumed, purchased, started } from '../support/events.js'
import { BASIC, usd } from '../support/plans.js'

describe('start', () => {
  it('anchors the subscription at the event’s instant, grants the plan’s credits until the first anniversary, charges the price', () => {
    const state = replay([started('s', '2024-01-31T15:30:00+05:30', { id: 'basic', monthlyCredits: 100, price: usd(290000, 4) })])
    expect(state.subscription).toEqual({
      plan: { id: 'basic', monthlyCredits: 100, price: usd(2900) },
      anchor: '2024-01-31T10:00:00.000Z',
      period: 1,
      periodStart: '2024-01-31T10:00:00.000Z',
      periodEnd: '2024-02-29T10:00:00.000Z',
      cancelAtPeriodEnd: false,
      scheduledPlan: null,
    })
    expect(state.buckets).toEqual([
      { id: 'b1', source: 'subscription', granted: 100, remaining: 100, grantedAt: '2024-01-31T10:00:00.000Z', expiresAt: '2024-02-29T10:00:00.000Z', unitPrice: null, grantedBy: 's' },
    ])
    expect(state.totals).toEqual({ granted: 100, consumed: 0, expired: 0, charged: usd(2900), reversed: 0, voided: 0, refunded: 0, refundedMoney: null })
    expect(state.nextBucket).toBe(2)
  })
})

describe('purchase', () => {
  it('an extra bucket that never expires, keeps its unit price in canonical form, and is charged unit price × quantity', () => {
    const state = replay([started('s', '2025-01-10T09:00:00Z', BASIC), purchased('p', '2025-01-11T00:00:00Z', 3, usd(12500, 4))])
    expect(state.buckets[1]).toEqual({
      id: 'b2',
      source: 'extra',
      granted: 3,
      remaining: 3,
      grantedAt: '2025-01-11T00:00:00.000Z',
      expiresAt: null,
      unitPrice: usd(125),
      grantedBy: 'p',
    })
    expect(state.totals.charged).toEqual(usd(2900 + 375))
    expect(state.totals.granted).toBe(103)
  })

  it('at the very instant of the previous event: granted at that instant', () => {
    const head = replay([started('s', '2025-01-10T09:00:00Z', BASIC)])
    const state = evolve(head, purchased('p', '2025-01-10T14:30:00+05:30', 1))
    expect(state.buckets[1]).toMatchObject({ id: 'b2', grantedAt: '2025-01-10T09:00:00.000Z' })
    expect(state.clock).toBe('2025-01-10T09:00:00.000Z')
  })

  it('a quantity of one charges the unit price itself', () => {
    const state = replay([purchased('p', '2025-01-11T00:00:00Z', 1, usd(12345, 4)), consumed('c', '2025-01-12T00:00:00Z', 1)])
    expect(state.totals.charged).toEqual(usd(12345, 4))
    expect(state.buckets).toEqual([])
    expectConservation(state)
  })
})
