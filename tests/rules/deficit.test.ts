/** SPEC §3: an overdraw found in a recorded history becomes a deficit, repaid by the next grants. */
import { describe, expect, it } from 'vitest'
import { advanceTo, balance, evolve, initialState, replay } from '../../src/index.js'
import { expectConservation } from '../support/assertions.js'
import { consumed, purchased, started, upgraded } from '../support/events.js'
import { BASIC, PRO, usd } from '../support/plans.js'

const overdrawn = [started('s', '2025-01-10T09:00:00Z', BASIC), consumed('c1', '2025-01-12T00:00:00Z', 130)]

describe('an overdraw in a recorded history', () => {
  it('does not throw: consumes what there is and records the rest as a deficit', () => {
    const state = replay(overdrawn)
    expect(balance(state)).toEqual({
      available: 0,
      deficit: 30,
      bySource: { subscription: 0, rollover: 0, extra: 0, promotional: 0 },
    })
    expect(state.deficit).toBe(30)
    expect(state.buckets).toEqual([])
    // consumed counts the shortfall too
    expect(state.totals).toMatchObject({ granted: 100, consumed: 130, expired: 0 })
    expectConservation(state)
  })

  it('with no credits at all, even before any subscription', () => {
    const state = evolve(initialState, consumed('c', '2025-01-01T00:00:00Z', 7))
    expect(balance(state)).toMatchObject({ available: 0, deficit: 7 })
    expect(state.totals).toMatchObject({ granted: 0, consumed: 7, expired: 0, charged: null })
    expectConservation(state)
  })

  it('grows with a second overdraw', () => {
    const state = replay([...overdrawn, consumed('c2', '2025-01-13T00:00:00Z', 5)])
    expect(state.deficit).toBe(35)
    expect(state.totals.consumed).toBe(135)
    expectConservation(state)
  })
})

describe('the next grant repays the deficit first', () => {
  it('a purchase smaller than the deficit: no bucket, the deficit shrinks, the purchase is still charged', () => {
    const state = replay([...overdrawn, purchased('p', '2025-01-13T00:00:00Z', 10)])
    expect(state.deficit).toBe(20)
    expect(state.buckets).toEqual([])
    expect(state.totals).toMatchObject({ granted: 110, consumed: 130, charged: usd(2900 + 1250) })
    expectConservation(state)
  })

  it('a purchase larger than the deficit: the bucket holds the rest but its granted is the full grant', () => {
    const state = replay([...overdrawn, purchased('p', '2025-01-13T00:00:00Z', 50)])
    expect(state.deficit).toBe(0)
    expect(state.buckets).toEqual([
      {
        id: 'b2',
        source: 'extra',
        granted: 50,
        remaining: 20,
        grantedAt: '2025-01-13T00:00:00.000Z',
        expiresAt: null,
        unitPrice: usd(125),
        grantedBy: 'p',
      },
    ])
    expectConservation(state)
  })

  it('a purchase exactly equal to the deficit leaves no bucket', () => {
    const state = replay([...overdrawn, purchased('p', '2025-01-13T00:00:00Z', 30)])
    expect(state).toMatchObject({ deficit: 0, buckets: [] })
    expect(state.nextBucket).toBe(2)
    expectConservation(state)
  })

  it('a renewal: expire, then grant, which repays', () => {
    const state = advanceTo(replay(overdrawn), '2025-02-10T09:00:00Z')
    expect(state.deficit).toBe(0)
    expect(state.buckets.map((b) => [b.source, b.granted, b.remaining])).toEqual([['subscription', 100, 70]])
    expect(state.totals).toMatchObject({ granted: 200, consumed: 130, expired: 0 })
    expectConservation(state)
  })

  it('a renewal expires the unused credits of the old period and does not use them to repay', () => {
    // 100 granted, 40 used, 60 left; then a consumption at the anniversary beyond the new credits.
    const state = replay([
      started('s', '2025-01-10T09:00:00Z', BASIC),
      consumed('c1', '2025-01-12T00:00:00Z', 40),
      consumed('c2', '2025-02-10T09:00:00Z', 130), // at the anniversary: 60 expired first, 100 new, 30 short
    ])
    expect(state.totals).toMatchObject({ granted: 200, consumed: 170, expired: 60 })
    expect(balance(state)).toMatchObject({ available: 0, deficit: 30 })
    const next = advanceTo(state, '2025-03-10T09:00:00Z')
    expect(balance(next)).toMatchObject({ available: 70, deficit: 0 })
    expectConservation(next)
  })

  it('a deficit larger than a renewal stays partly unpaid and no bucket is created', () => {
    const state = advanceTo(replay([...overdrawn, consumed('c2', '2025-01-20T00:00:00Z', 200)]), '2025-02-10T09:00:00Z')
    expect(state.deficit).toBe(130)
    expect(state.buckets).toEqual([])
    expect(state.totals).toMatchObject({ granted: 200, consumed: 330, expired: 0 })
    expectConservation(state)
  })

  it("an upgrade: nothing to carry, and the new plan's credits repay", () => {
    const state = replay([...overdrawn, upgraded('u', '2025-01-15T00:00:00Z', PRO)])
    expect(state.deficit).toBe(0)
    expect(state.buckets.map((b) => [b.id, b.source, b.granted, b.remaining])).toEqual([['b2', 'subscription', 500, 470]])
    expect(state.totals).toMatchObject({ granted: 600, consumed: 130 })
    expectConservation(state)
  })

  it('the deficit is repaid before extra credits enter, even when the subscription renews later', () => {
    const state = advanceTo(
      replay([...overdrawn, purchased('p', '2025-01-13T00:00:00Z', 10)]),
      '2025-02-10T09:00:00Z',
    )
    // 30 short − 10 (purchase) − 20 (renewal) → 80 subscription credits left
    expect(state.buckets.map((b) => [b.source, b.granted, b.remaining])).toEqual([['subscription', 100, 80]])
    expect(state.deficit).toBe(0)
    expectConservation(state)
  })
})
