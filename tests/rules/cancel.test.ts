/**
 * `SubscriptionCancelled` (SPEC §9.2, src/rules/cancel.ts and renew.ts),
 * written as histories. BASIC: 100 credits a month for USD 29.00, anchor
 * 2025-01-10T09:00Z (period 1 ends 2025-02-10T09:00Z); an extra credit is USD 1.25.
 */
import { describe, expect, it } from 'vitest'
import { advanceTo, balance, evolve, replay, statement } from '../../src/index.js'
import { history } from '../../src/testing/index.js'
import { expectConservation, expectError } from '../support/assertions.js'
import { usd } from '../support/plans.js'
import { BASIC, LITE, PRO, ROLL_30, bucketRows } from './plans.js'

const START = '2025-01-10T09:00:00Z'
const FEB = '2025-02-10T09:00:00.000Z'
// a-1 start, a-2 buy 20 extra, a-3 consume 30 (from b1: 70 left)
const base = history('a').start(BASIC, START).buyExtra(20, '+1d').consume(30, '+1d')

describe('a period-end cancellation', () => {
  const cancelled = base.cancel('periodEnd', '2025-01-15T00:00:00Z')

  it('marks the subscription; nothing else changes until the period end', () => {
    expect(cancelled.state.subscription).toMatchObject({ plan: BASIC, period: 1, periodEnd: FEB, cancelAtPeriodEnd: true, scheduledPlan: null })
    expect(cancelled.state.buckets).toEqual(base.state.buckets)
    expect(cancelled.state.totals).toEqual(base.state.totals)
  })

  it('at the period end: the 70 plan credits expire, no renewal, no charge, and the subscription ends', () => {
    const ended = advanceTo(cancelled.state, FEB)
    expect(ended.subscription).toBeNull()
    expect(bucketRows(ended)).toEqual([['b2', 'extra', 20, null]])
    // granted 100 + 20; consumed 30; expired 70; charged 29.00 + 20 × 1.25 = 54.00, not a cent more
    expect(ended.totals).toEqual({ granted: 120, consumed: 30, expired: 70, charged: usd(5400), reversed: 0, voided: 0, refunded: 0, refundedMoney: null })
    expectConservation(ended)
  })

  it('a cancelled account stays as it is for good: no renewals months later, its extra credits still spendable', () => {
    const later = advanceTo(cancelled.state, '2025-09-01T00:00:00Z')
    expect(later.totals).toEqual(advanceTo(cancelled.state, FEB).totals)
    const spent = cancelled.consume(5, '2025-03-01T00:00:00Z').state
    // 20 extra − 5 = 15, drawn from the extra bucket
    expect(balance(spent)).toEqual({ available: 15, deficit: 0, bySource: { subscription: 0, rollover: 0, extra: 15, promotional: 0 } })
  })

  it('the period-end entries of the statement: an expire of the plan credits with no event id, and no grant', () => {
    const entries = [...statement([...cancelled.events, { type: 'CreditsConsumed', id: 'x', accountId: 'a', at: FEB, data: { amount: 1 } }])]
    expect(entries.filter((e) => e.at === FEB).map((e) => [e.eventId, e.kind, e.source, e.bucketId, e.credits])).toEqual([
      [null, 'expire', 'subscription', 'b1', -70],
      ['x', 'consume', 'extra', 'b2', -1],
    ])
  })

  it('a deficit stays owed after the end, and the next grant repays it', () => {
    // consume 150: 100 from b1, 50 short; cancel; at the end nothing renews: deficit 50 stays
    const h = history('a').start(BASIC, START).consume(150, '+1d').cancel()
    const ended = advanceTo(h.state, FEB)
    expect(balance(ended)).toMatchObject({ available: 0, deficit: 50 })
    // a purchase of 60 after the end repays 50: 10 left in b2
    const repaid = h.buyExtra(60, '2025-03-01T00:00:00Z').state
    expect(bucketRows(repaid)).toEqual([['b2', 'extra', 10, null]])
    expect(repaid.deficit).toBe(0)
  })

  it('rollover credits expire at the end as well, and nothing rolls over, whatever the policy', () => {
    // ROLL_30: consume 20 → at 02-10, 30 roll into b2; cancel in period 2; at 03-10, b2 (30) and b3 (100) expire
    const h = history('a').start(ROLL_30, START).consume(20, '+1d').cancel('periodEnd', '2025-02-20T00:00:00Z')
    expect(bucketRows(h.state).map((r) => r[1])).toEqual(['rollover', 'subscription'])
    const ended = advanceTo(h.state, '2025-03-10T09:00:00Z')
    expect(ended.buckets).toEqual([])
    expect(ended.totals).toMatchObject({ granted: 200, consumed: 20, expired: 50 + 130 })
  })

  it('a second period-end cancellation while one is pending changes nothing', () => {
    const twice = cancelled.cancel('periodEnd', '+1h')
    expect(twice.state.subscription).toEqual(cancelled.state.subscription)
    expect(twice.state.buckets).toEqual(cancelled.state.buckets)
  })

  it('a second period-end cancellation keeps a plan change scheduled after the first (it takes effect if revoked)', () => {
    const pending = cancelled.downgrade(LITE, '+1h')
    const twice = pending.cancel('periodEnd', '+1h')
    expect(twice.state.subscription).toMatchObject({ cancelAtPeriodEnd: true, scheduledPlan: LITE })
    expect(twice.state.subscription).toEqual(pending.state.subscription)
    expect(advanceTo(twice.revokeCancellation('+1h').state, FEB).subscription).toMatchObject({ plan: LITE, period: 2 })
  })

  it('drops a scheduled plan change', () => {
    const s = base.downgrade(LITE, '+1h').cancel('periodEnd', '+1h').state
    expect(s.subscription).toMatchObject({ cancelAtPeriodEnd: true, scheduledPlan: null })
    expect(advanceTo(s, FEB).subscription).toBeNull()
  })

  it('a new subscription after the end starts a new anchor', () => {
    const again = cancelled.start(PRO, '2025-03-01T00:00:00Z').state
    expect(again.subscription).toMatchObject({ plan: PRO, anchor: '2025-03-01T00:00:00.000Z', period: 1, cancelAtPeriodEnd: false })
    // the start, checked before the clock moves, sees that the cancelled subscription has ended by its `at`
    expect(bucketRows(again)).toEqual([
      ['b3', 'subscription', 500, '2025-04-01T00:00:00.000Z'],
      ['b2', 'extra', 20, null],
    ])
  })

  it('a start before the end is still SUBSCRIPTION_ACTIVE, an upgrade after it NO_SUBSCRIPTION', () => {
    expectError(() => cancelled.start(PRO, '2025-02-10T08:59:59.999Z'), 'SUBSCRIPTION_ACTIVE')
    expectError(() => cancelled.upgrade(PRO, FEB), 'NO_SUBSCRIPTION')
  })

  it('an upgrade before the end clears the pending cancellation: the new plan renews', () => {
    const s = cancelled.upgrade(PRO, '2025-01-20T00:00:00Z').state
    expect(s.subscription).toMatchObject({ plan: PRO, cancelAtPeriodEnd: false, scheduledPlan: null })
    const renewed = advanceTo(s, '2025-02-20T00:00:00Z')
    expect(renewed.subscription).toMatchObject({ plan: PRO, period: 2 })
  })
})

describe('an immediate cancellation', () => {
  const cancelled = base.cancel('immediate', '2025-01-15T00:00:00Z') // a-4

  it('expires the subscription credits at once and ends the subscription; extra credits stay', () => {
    const s = cancelled.state
    expect(s.subscription).toBeNull()
    expect(bucketRows(s)).toEqual([['b2', 'extra', 20, null]])
    // 70 expired now; nothing refunded: charged stays 54.00
    expect(s.totals).toEqual({ granted: 120, consumed: 30, expired: 70, charged: usd(5400), reversed: 0, voided: 0, refunded: 0, refundedMoney: null })
    expectConservation(s)
  })

  it('writes an expire entry with the cancellation event id', () => {
    const entries = [...statement(cancelled.events)].filter((e) => e.eventId === 'a-4')
    expect(entries.map((e) => [e.kind, e.source, e.bucketId, e.credits, e.balanceAfter])).toEqual([['expire', 'subscription', 'b1', -70, 20]])
  })

  it('expires the rollover bucket of an upgrade too', () => {
    // consume 30 (70 left), upgrade to Pro: b3 rollover 70, b4 500; cancel now: 570 expire
    const s = history('a').start(BASIC, START).consume(30, '+1d').upgrade(PRO, '+1d').cancel('immediate', '+1d').state
    expect(s.buckets).toEqual([])
    expect(s.totals).toMatchObject({ granted: 600, consumed: 30, expired: 570 })
  })

  it('after a pending period-end cancellation, ends the subscription now', () => {
    const s = base.cancel('periodEnd', '+1h').cancel('immediate', '+1h').state
    expect(s.subscription).toBeNull()
    expect(s.totals.expired).toBe(70)
  })

  it('drops a scheduled plan change and keeps a deficit owed', () => {
    const s = history('a').start(BASIC, START).consume(130, '+1d').downgrade(LITE, '+1h').cancel('immediate', '+1h').state
    expect(s.subscription).toBeNull()
    expect(balance(s)).toMatchObject({ available: 0, deficit: 30 })
    expect(advanceTo(s, '2025-06-01T00:00:00Z').deficit).toBe(30)
  })
})

describe('refusals of SubscriptionCancelled (as a recorded event)', () => {
  it('needs an active subscription: NO_SUBSCRIPTION, also once a period-end cancellation has ended it', () => {
    expectError(() => history('a').buyExtra(10).cancel(), 'NO_SUBSCRIPTION')
    const cancelled = base.cancel('periodEnd', '+1h')
    expectError(() => cancelled.cancel('immediate', FEB), 'NO_SUBSCRIPTION')
    // refused: nothing of the event is applied
    const e = { type: 'SubscriptionCancelled' as const, id: 'z', accountId: 'a', at: FEB, data: { mode: 'periodEnd' as const } }
    expectError(() => evolve(cancelled.state, e), 'NO_SUBSCRIPTION')
    expect(() => replay([...cancelled.events, e])).toThrow(/SubscriptionCancelled needs an active subscription/)
  })
})
