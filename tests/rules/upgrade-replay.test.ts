/** SPEC §1.4 and §4: PlanUpgraded re-anchors and carries the unused credits. */
import { describe, expect, it } from 'vitest'
import { advanceTo, balance, replay } from '../../src/index.js'
import { expectConservation } from '../support/assertions.js'
import { consumed, purchased, started, upgraded } from '../support/events.js'
import { BASIC, PRO, SCALE, usd } from '../support/plans.js'

describe('PlanUpgraded', () => {
  it('at the exact anniversary carries the credits of the period that has just begun', () => {
    const state = replay([
      started('s', '2025-01-10T09:00:00Z', BASIC),
      consumed('c', '2025-01-11T00:00:00Z', 30), // 70 left; they expire at 02-10 09:00
      upgraded('u', '2025-02-10T09:00:00Z', PRO), // renewal first (100 new), then the upgrade carries them
    ])
    expect(state.subscription).toMatchObject({ plan: PRO, anchor: '2025-02-10T09:00:00.000Z', period: 1 })
    expect(state.buckets.map((b) => [b.id, b.source, b.granted, b.remaining, b.expiresAt])).toEqual([
      ['b3', 'rollover', 100, 100, '2025-03-10T09:00:00.000Z'],
      ['b4', 'subscription', 500, 500, '2025-03-10T09:00:00.000Z'],
    ])
    // 100 + 100 (renewal) + 500; 70 expired; 29 + 29 + 99 charged
    expect(state.totals).toEqual({ granted: 700, consumed: 30, expired: 70, charged: usd(15700), reversed: 0, voided: 0, refunded: 0, refundedMoney: null })
    expectConservation(state)
  })

  it('one ms before the anniversary carries the old period\'s credits instead', () => {
    const state = replay([
      started('s', '2025-01-10T09:00:00Z', BASIC),
      consumed('c', '2025-01-11T00:00:00Z', 30),
      upgraded('u', '2025-02-10T08:59:59.999Z', PRO),
    ])
    expect(state.buckets.map((b) => [b.source, b.remaining])).toEqual([
      ['rollover', 70],
      ['subscription', 500],
    ])
    expect(state.totals).toMatchObject({ granted: 600, expired: 0 })
  })

  it('two upgrades in one period merge subscription and rollover into ONE rollover bucket', () => {
    const state = replay([
      started('s', '2025-01-10T09:00:00Z', BASIC),
      consumed('c1', '2025-01-11T00:00:00Z', 30), // b1: 70
      purchased('p', '2025-01-12T00:00:00Z', 5), // b2: 5 extra
      upgraded('u1', '2025-01-15T00:00:00Z', PRO), // b3 rollover 70, b4 500
      consumed('c2', '2025-01-16T00:00:00Z', 100), // b3 gone, b4: 470
      purchased('p2', '2025-01-17T00:00:00Z', 7), // b5: 7 extra
      upgraded('u2', '2025-01-20T00:00:00Z', SCALE), // b6 rollover 470, b7 2000
    ])
    expect(state.buckets.map((b) => [b.id, b.source, b.granted, b.remaining, b.expiresAt])).toEqual([
      ['b6', 'rollover', 470, 470, '2025-02-20T00:00:00.000Z'],
      ['b7', 'subscription', 2000, 2000, '2025-02-20T00:00:00.000Z'],
      ['b2', 'extra', 5, 5, null],
      ['b5', 'extra', 7, 7, null],
    ])
    // each credit counted once when it entered: 100 + 5 + 500 + 7 + 2000
    expect(state.totals).toMatchObject({ granted: 2612, consumed: 130, expired: 0 })
    // 29 + 6.25 + 99 + 8.75 + 299
    expect(state.totals.charged).toEqual(usd(2900 + 625 + 9900 + 875 + 29900))
    expectConservation(state)
  })

  it('a rollover bucket with credits left is merged into the next rollover bucket', () => {
    const state = replay([
      started('s', '2025-01-10T09:00:00Z', BASIC), // 100
      upgraded('u1', '2025-01-15T00:00:00Z', PRO), // rollover 100, sub 500
      consumed('c', '2025-01-16T00:00:00Z', 40), // rollover 60
      upgraded('u2', '2025-01-20T00:00:00Z', SCALE), // rollover 60 + 500 = 560
    ])
    expect(state.buckets.map((b) => [b.source, b.granted, b.remaining])).toEqual([
      ['rollover', 560, 560],
      ['subscription', 2000, 2000],
    ])
    expect(state.totals.granted).toBe(2600)
    expectConservation(state)
  })

  it('leaves extra credits untouched (same bucket, same id, never expiring)', () => {
    const before = replay([started('s', '2025-01-10T09:00:00Z', BASIC), purchased('p', '2025-01-11T00:00:00Z', 25)])
    const after = replay([upgraded('u', '2025-01-12T00:00:00Z', PRO)], before)
    expect(after.buckets.find((b) => b.source === 'extra')).toEqual(before.buckets.find((b) => b.source === 'extra'))
  })

  it('renewals after an upgrade use the new plan, its price and its anchor', () => {
    const state = advanceTo(
      replay([started('s', '2025-01-31T10:00:00Z', BASIC), upgraded('u', '2025-03-31T10:00:00Z', PRO)]),
      '2025-06-30T10:00:00Z',
    )
    // anchor 03-31: ends 04-30, 05-31, 06-30 → period 4 from 06-30
    expect(state.subscription).toMatchObject({
      plan: PRO,
      anchor: '2025-03-31T10:00:00.000Z',
      period: 4,
      periodStart: '2025-06-30T10:00:00.000Z',
      periodEnd: '2025-07-31T10:00:00.000Z',
    })
    // basic: start + renewals 02-28, 03-31 (the latter at the upgrade instant) → 3 × 29.00;
    // pro: upgrade + 3 renewals → 4 × 99.00
    expect(state.totals.charged).toEqual(usd(3 * 2900 + 4 * 9900))
    expect(state.buckets.map((b) => [b.source, b.granted])).toEqual([['subscription', 500]])
    // the rollover from the upgrade (the 100 of the period renewed at 03-31) expired at 04-30 with the unused 500
    expect(state.totals).toMatchObject({ granted: 300 + 2000, consumed: 0 })
    expectConservation(state)
  })

  it('a recorded upgrade to a smaller plan is applied as a fact', () => {
    const state = replay([
      started('s', '2025-01-10T09:00:00Z', PRO),
      consumed('c', '2025-01-11T00:00:00Z', 100),
      upgraded('u', '2025-01-20T00:00:00Z', BASIC),
    ])
    expect(state.subscription).toMatchObject({ plan: BASIC, anchor: '2025-01-20T00:00:00.000Z' })
    expect(balance(state).bySource).toMatchObject({ rollover: 400, subscription: 100 })
    expectConservation(state)
  })

  it('to the same plan is applied as a fact too (re-anchors and grants again)', () => {
    const state = replay([started('s', '2025-01-10T09:00:00Z', BASIC), upgraded('u', '2025-01-20T00:00:00Z', BASIC)])
    expect(balance(state).bySource).toMatchObject({ rollover: 100, subscription: 100 })
    expect(state.totals.charged).toEqual(usd(5800))
  })
})
