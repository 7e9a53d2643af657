/**
 * `PlanChangeScheduled` and `PlanChangeUnscheduled` (SPEC §9.2,
 * src/rules/schedulePlanChange.ts, unschedulePlanChange.ts, renew.ts):
 * the scheduled plan takes effect at the next anniversary, anchor
 * unchanged, rolling over by the OLD plan's policy.
 * Anchor 2025-01-10T09:00Z: anniversaries 02-10, 03-10 at 09:00Z.
 */
import { describe, expect, it } from 'vitest'
import { advanceTo, evolve, statement } from '../../src/index.js'
import { history } from '../../src/testing/index.js'
import { expectConservation, expectError } from '../support/assertions.js'
import { eur, usd } from '../support/plans.js'
import { BASIC, LITE, LITE_ROLL_ALL, PRO, ROLL_50PCT, bucketRows } from './plans.js'

const START = '2025-01-10T09:00:00Z'
const FEB = '2025-02-10T09:00:00.000Z'
const MAR = '2025-03-10T09:00:00.000Z'
const APR = '2025-04-10T09:00:00.000Z'
// a-1 start on ROLL_50PCT (100/month, 50 % roll over), a-2 consume 30 (70 left), a-3 downgrade to LITE (40/month, USD 9.00)
const scheduled = history('a').start(ROLL_50PCT, START).consume(30, '+1d').downgrade(LITE, '+1d')

describe('a scheduled plan change', () => {
  it('changes nothing now but the schedule: no grant, no charge', () => {
    expect(scheduled.state.subscription).toMatchObject({ plan: ROLL_50PCT, period: 1, scheduledPlan: LITE, cancelAtPeriodEnd: false })
    expect(scheduled.state.totals).toEqual({ granted: 100, consumed: 30, expired: 0, charged: usd(2900), reversed: 0, voided: 0, refunded: 0, refundedMoney: null })
  })

  it('takes effect at the next anniversary: old credits roll by the OLD plan (50 % of 100), then 40 of Lite, USD 9.00', () => {
    const feb = advanceTo(scheduled.state, FEB)
    // anchor unchanged, period 2, plan Lite, schedule consumed
    expect(feb.subscription).toEqual({
      plan: LITE,
      anchor: '2025-01-10T09:00:00.000Z',
      period: 2,
      periodStart: FEB,
      periodEnd: MAR,
      cancelAtPeriodEnd: false,
      scheduledPlan: null,
    })
    // 70 unused: 50 roll into b2, 20 expire; b3 = 40 of Lite
    expect(bucketRows(feb)).toEqual([
      ['b2', 'rollover', 50, MAR],
      ['b3', 'subscription', 40, MAR],
    ])
    expect(feb.totals).toEqual({ granted: 140, consumed: 30, expired: 20, charged: usd(2900 + 900), reversed: 0, voided: 0, refunded: 0, refundedMoney: null })
    expectConservation(feb)
  })

  it('the next renewal follows the NEW plan: Lite has no policy, so all 90 expire', () => {
    const mar = advanceTo(scheduled.state, MAR)
    expect(bucketRows(mar)).toEqual([['b4', 'subscription', 40, APR]])
    expect(mar.totals).toEqual({ granted: 180, consumed: 30, expired: 20 + 90, charged: usd(2900 + 900 + 900), reversed: 0, voided: 0, refunded: 0, refundedMoney: null })
  })

  it('an old plan with no policy: everything expires at the change, even if the new plan rolls everything', () => {
    const s = history('a').start(BASIC, START).consume(30, '+1d').downgrade(LITE_ROLL_ALL, '+1d').state
    const feb = advanceTo(s, FEB)
    expect(bucketRows(feb)).toEqual([['b2', 'subscription', 40, MAR]])
    expect(feb.totals.expired).toBe(70)
    // from then on Lite's policy (no cap): 03-10, all 40 roll into b3
    expect(bucketRows(advanceTo(feb, MAR))).toEqual([
      ['b3', 'rollover', 40, APR],
      ['b4', 'subscription', 40, APR],
    ])
  })

  it('a second schedule replaces the first', () => {
    const other = { ...LITE, id: 'mini', monthlyCredits: 10 }
    const s = scheduled.downgrade(other, '+1h').state
    expect(s.subscription!.scheduledPlan).toEqual(other)
    expect(advanceTo(s, FEB).subscription!.plan).toEqual(other)
  })

  it('an upgrade drops it: the upgraded plan renews', () => {
    const s = scheduled.upgrade(PRO, '+1h').state
    expect(s.subscription).toMatchObject({ plan: PRO, scheduledPlan: null })
    expect(advanceTo(s, '2025-02-20T00:00:00Z').subscription).toMatchObject({ plan: PRO, period: 2 })
  })

  it('as a recorded fact, a "change" to a bigger plan is applied too (only decide refuses it)', () => {
    const s = history('a').start(LITE, START).downgrade(BASIC, '+1d').state
    expect(advanceTo(s, FEB).subscription!.plan).toEqual(BASIC)
  })

  it('keeps the rollover policy of the plan, canonical money, and the statement of the change renewal', () => {
    const h = history('a').start(BASIC, START).downgrade({ ...ROLL_50PCT, price: usd(290000, 4) }, '+1d')
    expect(h.state.subscription!.scheduledPlan).toEqual(ROLL_50PCT)
    const feb = [...statement([...h.events, { type: 'CreditsConsumed', id: 'x', accountId: 'a', at: FEB, data: { amount: 1 } }])].filter((e) => e.at === FEB)
    expect(feb.map((e) => [e.kind, e.bucketId, e.credits, e.charged])).toEqual([
      ['expire', 'b1', -100, null],
      ['grant', 'b2', 100, usd(2900)],
      ['consume', 'b2', -1, null],
    ])
  })
})

describe('unscheduling', () => {
  it('drops the scheduled plan: the current plan renews', () => {
    const s = scheduled.cancelPlanChange('+1h').state
    expect(s.subscription).toMatchObject({ plan: ROLL_50PCT, scheduledPlan: null })
    const feb = advanceTo(s, FEB)
    // 70 unused: 50 roll, 20 expire; 100 of the same plan
    expect(feb.subscription).toMatchObject({ plan: ROLL_50PCT, period: 2 })
    expect(bucketRows(feb)).toEqual([
      ['b2', 'rollover', 50, MAR],
      ['b3', 'subscription', 100, MAR],
    ])
  })
})

describe('refusals', () => {
  it('PlanChangeScheduled needs an active subscription (NO_SUBSCRIPTION)', () => {
    expectError(() => history('a').buyExtra(5).downgrade(LITE), 'NO_SUBSCRIPTION')
    expectError(() => history('a').start(BASIC, START).cancel('immediate').downgrade(LITE), 'NO_SUBSCRIPTION')
  })

  it('PlanChangeScheduled in another currency: CURRENCY_MISMATCH, after the subscription check', () => {
    const euro = { ...LITE, price: eur(900) }
    expectError(() => history('a').start(BASIC, START).downgrade(euro), 'CURRENCY_MISMATCH')
    // no subscription and another currency: the subscription check comes first
    expectError(() => history('a').buyExtra(5).downgrade(euro), 'NO_SUBSCRIPTION')
  })

  it('PlanChangeUnscheduled with nothing scheduled: NO_PENDING_PLAN_CHANGE', () => {
    expectError(() => history('a').start(BASIC, START).cancelPlanChange(), 'NO_PENDING_PLAN_CHANGE')
    expectError(() => history('a').buyExtra(5).cancelPlanChange(), 'NO_PENDING_PLAN_CHANGE')
    expectError(() => scheduled.cancelPlanChange('+1h').cancelPlanChange('+1h'), 'NO_PENDING_PLAN_CHANGE')
  })

  it('PlanChangeUnscheduled at the anniversary is too late: the change has just taken effect', () => {
    const e = { type: 'PlanChangeUnscheduled' as const, id: 'u', accountId: 'a', at: FEB, data: {} }
    expectError(() => evolve(scheduled.state, e), 'NO_PENDING_PLAN_CHANGE')
    // a millisecond earlier it still drops it
    const early = evolve(scheduled.state, { ...e, at: '2025-02-10T08:59:59.999Z' })
    expect(advanceTo(early, FEB).subscription!.plan).toEqual(ROLL_50PCT)
  })
})
