/**
 * The billing page's examples (SPEC §1), written as histories and worked
 * through by hand. Plans: BASIC = 100 credits for USD 29.00, PRO = 500
 * credits for USD 99.00; an extra credit costs USD 1.25.
 */
import { describe, expect, it } from 'vitest'
import { advanceTo, balance, evolve, replay } from '../../src/index.js'
import { expectConservation } from '../support/assertions.js'
import { consumed, purchased, started, upgraded } from '../support/events.js'
import { BASIC, PRO, usd } from '../support/plans.js'

/** The totals of contract v4's corrections in a history that has none. */
const NO_CORRECTIONS = { reversed: 0, voided: 0, refunded: 0, refundedMoney: null }

describe('a month of a basic subscription', () => {
  const history = [
    started('e1', '2025-01-10T09:00:00Z', BASIC),
    consumed('e2', '2025-01-11T10:00:00Z', 30, { reason: 'report' }),
    consumed('e3', '2025-01-20T10:00:00Z', 70),
  ]

  it('starts with the plan credits, period 1 ending one month later, and the price charged', () => {
    const state = replay(history.slice(0, 1))
    expect(state.accountId).toBe('acc-1')
    expect(state.clock).toBe('2025-01-10T09:00:00.000Z')
    expect(state.subscription).toEqual({
      plan: BASIC,
      anchor: '2025-01-10T09:00:00.000Z',
      period: 1,
      periodStart: '2025-01-10T09:00:00.000Z',
      periodEnd: '2025-02-10T09:00:00.000Z',
      cancelAtPeriodEnd: false,
      scheduledPlan: null,
    })
    expect(state.buckets).toEqual([
      {
        id: 'b1',
        source: 'subscription',
        granted: 100,
        remaining: 100,
        grantedAt: '2025-01-10T09:00:00.000Z',
        expiresAt: '2025-02-10T09:00:00.000Z',
        unitPrice: null,
        grantedBy: 'e1',
      },
    ])
    expect(state.totals).toEqual({ granted: 100, consumed: 0, expired: 0, charged: usd(2900), ...NO_CORRECTIONS })
    expect(balance(state)).toEqual({
      available: 100,
      deficit: 0,
      bySource: { subscription: 100, rollover: 0, extra: 0, promotional: 0 },
    })
  })

  it('consumes 30 then 70 credits: nothing left, no bucket kept', () => {
    expect(balance(replay(history.slice(0, 2))).available).toBe(70)
    const state = replay(history)
    expect(balance(state)).toEqual({
      available: 0,
      deficit: 0,
      bySource: { subscription: 0, rollover: 0, extra: 0, promotional: 0 },
    })
    expect(state.buckets).toEqual([])
    expect(state.totals).toMatchObject({ granted: 100, consumed: 100, expired: 0 })
  })
})

describe('extra credits bought when subscription credits run out', () => {
  const history = [
    started('e1', '2025-01-10T09:00:00Z', BASIC),
    consumed('e2', '2025-01-15T09:00:00Z', 100),
    purchased('e3', '2025-01-15T09:05:00Z', 50), // 50 × 1.25 = 62.50
    consumed('e4', '2025-01-20T09:00:00Z', 20),
  ]

  it('adds an extra bucket that never expires, charged unit price × quantity', () => {
    const state = replay(history.slice(0, 3))
    expect(state.buckets).toEqual([
      {
        id: 'b2',
        source: 'extra',
        granted: 50,
        remaining: 50,
        grantedAt: '2025-01-15T09:05:00.000Z',
        expiresAt: null,
        unitPrice: usd(125),
        grantedBy: 'e3',
      },
    ])
    // 29.00 + 62.50 = 91.50
    expect(state.totals.charged).toEqual(usd(9150))
  })

  it('spends the extra credits, which survive the renewal next to the new subscription credits', () => {
    const state = replay(history)
    expect(balance(state).bySource.extra).toBe(30)
    const renewed = advanceTo(state, '2025-02-10T09:00:00Z')
    expect(renewed.subscription).toMatchObject({
      period: 2,
      periodStart: '2025-02-10T09:00:00.000Z',
      periodEnd: '2025-03-10T09:00:00.000Z',
    })
    expect(balance(renewed)).toEqual({
      available: 130,
      deficit: 0,
      bySource: { subscription: 100, rollover: 0, extra: 30, promotional: 0 },
    })
    // Subscription credits first, then extra.
    expect(renewed.buckets.map((b) => [b.id, b.source, b.remaining])).toEqual([
      ['b3', 'subscription', 100],
      ['b2', 'extra', 30],
    ])
    // 91.50 + 29.00 = 120.50; nothing expired (the first period's credits were all used).
    expect(renewed.totals).toEqual({ granted: 250, consumed: 120, expired: 0, charged: usd(12050), ...NO_CORRECTIONS })
    expectConservation(renewed)
  })
})

describe('upgrade with rollover, worked through in numbers', () => {
  const history = [
    started('e1', '2025-01-10T09:00:00Z', BASIC), // b1: 100 subscription
    consumed('e2', '2025-01-12T09:00:00Z', 40), // b1: 60 left
    purchased('e3', '2025-01-13T09:00:00Z', 20), // b2: 20 extra, USD 25.00
    upgraded('e4', '2025-01-25T12:00:00Z', PRO), // b3: 60 rollover, b4: 500 subscription
  ]

  it('moves the 60 unused credits into one rollover bucket that expires with the new period', () => {
    const state = replay(history)
    expect(state.subscription).toEqual({
      plan: PRO,
      anchor: '2025-01-25T12:00:00.000Z',
      period: 1,
      periodStart: '2025-01-25T12:00:00.000Z',
      periodEnd: '2025-02-25T12:00:00.000Z',
      cancelAtPeriodEnd: false,
      scheduledPlan: null,
    })
    expect(state.buckets.map((b) => [b.id, b.source, b.granted, b.remaining, b.expiresAt])).toEqual([
      ['b3', 'rollover', 60, 60, '2025-02-25T12:00:00.000Z'],
      ['b4', 'subscription', 500, 500, '2025-02-25T12:00:00.000Z'],
      ['b2', 'extra', 20, 20, null],
    ])
    expect(balance(state)).toEqual({
      available: 580,
      deficit: 0,
      bySource: { subscription: 500, rollover: 60, extra: 20, promotional: 0 },
    })
    // granted counts each credit once: 100 + 20 + 500; charged 29.00 + 25.00 + 99.00 = 153.00
    expect(state.totals).toEqual({ granted: 620, consumed: 40, expired: 0, charged: usd(15300), ...NO_CORRECTIONS })
    expectConservation(state)
  })

  it('spends the rollover first, then at the new anniversary expires the rest and renews the new plan', () => {
    const spent = replay([...history, consumed('e5', '2025-02-01T00:00:00Z', 100)])
    expect(spent.buckets.map((b) => [b.id, b.remaining])).toEqual([
      ['b4', 460],
      ['b2', 20],
    ])
    // The old anniversary (2025-02-10) no longer renews anything.
    const beforeOldAnniversary = advanceTo(spent, '2025-02-10T09:00:00Z')
    expect(beforeOldAnniversary.buckets).toEqual(spent.buckets)
    expect(beforeOldAnniversary.totals).toEqual(spent.totals)

    const renewed = advanceTo(spent, '2025-02-25T12:00:00Z')
    expect(renewed.subscription).toMatchObject({ plan: PRO, period: 2, periodEnd: '2025-03-25T12:00:00.000Z' })
    expect(renewed.buckets.map((b) => [b.id, b.source, b.remaining])).toEqual([
      ['b5', 'subscription', 500],
      ['b2', 'extra', 20],
    ])
    // granted 620 + 500; consumed 40 + 100; expired 460; charged 153.00 + 99.00
    expect(renewed.totals).toEqual({ granted: 1120, consumed: 140, expired: 460, charged: usd(25200), ...NO_CORRECTIONS })
    expectConservation(renewed)
  })
})

describe('renewals', () => {
  it('each anniversary expires the unused credits and grants and charges the plan again', () => {
    let state = replay([started('e1', '2025-01-10T09:00:00Z', BASIC), consumed('e2', '2025-01-11T09:00:00Z', 40)])
    state = advanceTo(state, '2025-02-10T09:00:00Z') // 60 expire, 100 granted
    expect(state.totals).toEqual({ granted: 200, consumed: 40, expired: 60, charged: usd(5800), ...NO_CORRECTIONS })
    state = evolve(state, consumed('e3', '2025-02-11T09:00:00Z', 10))
    state = advanceTo(state, '2025-04-10T09:00:00Z') // two more renewals: 90 and 100 expire
    expect(state.subscription).toMatchObject({ period: 4, periodStart: '2025-04-10T09:00:00.000Z' })
    expect(state.totals).toEqual({ granted: 400, consumed: 50, expired: 250, charged: usd(11600), ...NO_CORRECTIONS })
    expect(state.buckets).toHaveLength(1)
    expect(state.buckets[0]).toMatchObject({ source: 'subscription', granted: 100, remaining: 100, grantedAt: '2025-04-10T09:00:00.000Z' })
    expectConservation(state)
  })
})
