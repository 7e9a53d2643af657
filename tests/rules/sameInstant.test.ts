/**
 * The same-instant rules (SPEC §2 and §9.2, src/rules/passTime.ts): at one
 * instant the clock moves first (expiries, renewals up to and including
 * `at`), then the event applies. BASIC: 100 credits a month for USD 29.00,
 * anchor 2025-01-10T09:00Z, so the first anniversary is 2025-02-10T09:00Z.
 */
import { describe, expect, it } from 'vitest'
import { advanceTo, balance } from '../../src/index.js'
import { history } from '../../src/testing/index.js'
import { expectError } from '../support/assertions.js'
import { usd } from '../support/plans.js'
import { BASIC, LITE, bucketRows } from './plans.js'

const START = '2025-01-10T09:00:00Z'
const FEB = '2025-02-10T09:00:00.000Z'
const MAR = '2025-03-10T09:00:00.000Z'
const base = history('a').start(BASIC, START).consume(30, '+1d')

describe('a cancellation exactly at an anniversary', () => {
  it('(period end) comes after that renewal: it ends the period that has just begun, not the one that ended', () => {
    const s = base.cancel('periodEnd', FEB).state
    // the renewal at 02-10 already happened: 70 expired, 100 granted, 29.00 charged again
    expect(s.subscription).toMatchObject({ period: 2, periodEnd: MAR, cancelAtPeriodEnd: true })
    expect(s.totals).toEqual({ granted: 200, consumed: 30, expired: 70, charged: usd(5800), reversed: 0, voided: 0, refunded: 0, refundedMoney: null })
    // the subscription ends at 03-10: the 100 expire, nothing is charged
    const ended = advanceTo(s, MAR)
    expect(ended.subscription).toBeNull()
    expect(ended.totals).toEqual({ granted: 200, consumed: 30, expired: 170, charged: usd(5800), reversed: 0, voided: 0, refunded: 0, refundedMoney: null })
  })

  it('(period end) one millisecond earlier stops the renewal', () => {
    const ended = advanceTo(base.cancel('periodEnd', '2025-02-10T08:59:59.999Z').state, FEB)
    expect(ended.subscription).toBeNull()
    expect(ended.totals).toEqual({ granted: 100, consumed: 30, expired: 70, charged: usd(2900), reversed: 0, voided: 0, refunded: 0, refundedMoney: null })
  })

  it('(immediate) expires the credits of the period that has just begun', () => {
    const s = base.cancel('immediate', FEB).state
    expect(s.subscription).toBeNull()
    // 70 expired by the renewal, then the new 100 by the cancellation; 29.00 was charged for period 2
    expect(s.totals).toEqual({ granted: 200, consumed: 30, expired: 170, charged: usd(5800), reversed: 0, voided: 0, refunded: 0, refundedMoney: null })
  })
})

describe('a revocation at the period end', () => {
  it('is too late: the subscription ended at that instant (NO_PENDING_CANCELLATION); a new start is the way back', () => {
    const cancelled = base.cancel('periodEnd', '+1d')
    expectError(() => cancelled.revokeCancellation(FEB), 'NO_PENDING_CANCELLATION')
    const again = cancelled.start(BASIC, FEB).state
    expect(again.subscription).toMatchObject({ anchor: FEB, period: 1, cancelAtPeriodEnd: false })
    expect(bucketRows(again)).toEqual([['b2', 'subscription', 100, MAR]])
  })
})

describe('a scheduled change and a cancellation at the same instant', () => {
  it('both mid-period, change first: the cancellation drops the change, and the subscription ends', () => {
    const s = base.downgrade(LITE, '2025-01-20T00:00:00Z').cancel('periodEnd', '2025-01-20T00:00:00Z').state
    expect(s.subscription).toMatchObject({ cancelAtPeriodEnd: true, scheduledPlan: null })
    expect(advanceTo(s, FEB).subscription).toBeNull()
  })

  it('a cancellation at the anniversary of a scheduled change: the change takes effect first, then its new period is cancelled', () => {
    const s = base.downgrade(LITE, '+1d').cancel('periodEnd', FEB).state
    // the renewal at 02-10 switched to Lite (40 credits, 9.00); the cancellation then ends Lite's first period at 03-10
    expect(s.subscription).toMatchObject({ plan: LITE, period: 2, cancelAtPeriodEnd: true, scheduledPlan: null })
    expect(s.totals).toEqual({ granted: 140, consumed: 30, expired: 70, charged: usd(2900 + 900), reversed: 0, voided: 0, refunded: 0, refundedMoney: null })
    expect(advanceTo(s, MAR).subscription).toBeNull()
  })

  it('a change scheduled exactly at an anniversary waits for the next one', () => {
    const s = base.downgrade(LITE, FEB).state
    // 02-10 renewed Basic (100, 29.00) before the schedule was recorded
    expect(s.subscription).toMatchObject({ plan: BASIC, period: 2, scheduledPlan: LITE })
    expect(balance(s).bySource.subscription).toBe(100)
    expect(advanceTo(s, MAR).subscription).toMatchObject({ plan: LITE, period: 3 })
  })
})
