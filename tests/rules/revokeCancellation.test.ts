/**
 * `CancellationRevoked` (SPEC §9.2, src/rules/revokeCancellation.ts).
 * BASIC: 100 credits a month for USD 29.00, anchor 2025-01-10T09:00Z.
 */
import { describe, expect, it } from 'vitest'
import { advanceTo, evolve } from '../../src/index.js'
import { history } from '../../src/testing/index.js'
import { expectError } from '../support/assertions.js'
import { usd } from '../support/plans.js'
import { BASIC, LITE, bucketRows } from './plans.js'

const START = '2025-01-10T09:00:00Z'
const FEB = '2025-02-10T09:00:00.000Z'
const cancelled = history('a').start(BASIC, START).consume(30, '+1d').cancel('periodEnd', '+1d')

describe('a revocation', () => {
  it('clears the pending cancellation; anchor, period and buckets unchanged; the subscription renews', () => {
    const revoked = cancelled.revokeCancellation('+1d')
    expect(revoked.state.subscription).toEqual({ ...cancelled.state.subscription, cancelAtPeriodEnd: false })
    expect(revoked.state.buckets).toEqual(cancelled.state.buckets)
    const renewed = advanceTo(revoked.state, FEB)
    // 70 expire, 100 granted, 29.00 charged again
    expect(renewed.subscription).toMatchObject({ plan: BASIC, anchor: '2025-01-10T09:00:00.000Z', period: 2 })
    expect(bucketRows(renewed)).toEqual([['b2', 'subscription', 100, '2025-03-10T09:00:00.000Z']])
    expect(renewed.totals).toEqual({ granted: 200, consumed: 30, expired: 70, charged: usd(5800), reversed: 0, voided: 0, refunded: 0, refundedMoney: null })
  })

  it('one millisecond before the period end is still in time', () => {
    const revoked = cancelled.revokeCancellation('2025-02-10T08:59:59.999Z')
    expect(advanceTo(revoked.state, FEB).subscription).toMatchObject({ period: 2 })
  })

  it('keeps a plan change recorded while the cancellation was pending: it takes effect at the anniversary', () => {
    const s = cancelled.downgrade(LITE, '+1h').revokeCancellation('+1h').state
    expect(advanceTo(s, FEB).subscription).toMatchObject({ plan: LITE, period: 2, scheduledPlan: null })
  })
})

describe('refusals of CancellationRevoked', () => {
  it('with nothing pending: NO_PENDING_CANCELLATION', () => {
    expectError(() => history('a').start(BASIC, START).revokeCancellation(), 'NO_PENDING_CANCELLATION')
    expectError(() => cancelled.revokeCancellation('+1h').revokeCancellation('+1h'), 'NO_PENDING_CANCELLATION')
  })

  it('with no subscription at all, or after an immediate cancellation: NO_PENDING_CANCELLATION', () => {
    expectError(() => history('a').buyExtra(5).revokeCancellation(), 'NO_PENDING_CANCELLATION')
    expectError(() => history('a').start(BASIC, START).cancel('immediate').revokeCancellation(), 'NO_PENDING_CANCELLATION')
  })

  it('at the period end it is too late: the subscription has just ended (NO_PENDING_CANCELLATION)', () => {
    const e = expectError(() => cancelled.revokeCancellation(FEB), 'NO_PENDING_CANCELLATION')
    expect(e.eventId).toBe('a-4')
    expect(e.message).toMatch(/no subscription is active at "2025-02-10T09:00:00.000Z"/)
    // and the refused event leaves the state untouched
    const event = { type: 'CancellationRevoked' as const, id: 'r', accountId: 'a', at: FEB, data: {} }
    expectError(() => evolve(cancelled.state, event), 'NO_PENDING_CANCELLATION')
  })
})
