/**
 * The commands of contract v4, part 1 (SPEC §9.3): CancelSubscription,
 * RevokeCancellation, DowngradePlan, CancelPlanChange, their refusals in
 * the precedence of §9.2, UpgradePlan over a pending cancellation or plan
 * change, and retries by id. basic: 100 credits a month for USD 29.00, anchor
 * 2025-01-10T09:00Z (first anniversary 2025-02-10T09:00Z).
 */
import { describe, expect, it } from 'vitest'
import { decide, evolve, type CreditCommand, type Plan } from '../../src/index.js'
import { given, history } from '../../src/testing/index.js'
import { basic, euro, pro } from './plans.js'

const acc = 'acc-1'
const FEB = '2025-02-10T09:00:00.000Z'
const lite: Plan = { id: 'lite', monthlyCredits: 40, price: { amount: 900, currency: 'USD' }, rollover: { maxCredits: 10 } }
const cancel = (id: string, at: string, mode?: 'periodEnd' | 'immediate'): CreditCommand => ({
  type: 'CancelSubscription',
  id,
  accountId: acc,
  at,
  data: mode === undefined ? {} : { mode },
})
const revoke = (id: string, at: string): CreditCommand => ({ type: 'RevokeCancellation', id, accountId: acc, at, data: {} })
const downgrade = (id: string, at: string, plan: Plan = lite): CreditCommand => ({ type: 'DowngradePlan', id, accountId: acc, at, data: { plan } })
const cancelChange = (id: string, at: string): CreditCommand => ({ type: 'CancelPlanChange', id, accountId: acc, at, data: {} })
const upgrade = (id: string, at: string, plan = pro): CreditCommand => ({ type: 'UpgradePlan', id, accountId: acc, at, data: { plan } })

const started = history(acc).start(basic, '2025-01-10T09:00:00Z') // acc-1-1
const cancelled = started.cancel('periodEnd', '2025-01-15T00:00:00Z') // acc-1-2
const scheduled = started.downgrade(lite, '2025-01-15T00:00:00Z') // acc-1-2

describe('CancelSubscription', () => {
  it('records SubscriptionCancelled, at the period end by default', () => {
    given(started)
      .when(cancel('c-1', '2025-01-20T00:00:00Z'))
      .then([{ type: 'SubscriptionCancelled', id: 'c-1', accountId: acc, at: '2025-01-20T00:00:00Z', data: { mode: 'periodEnd' } }])
    given(started)
      .when(cancel('c-1', '2025-01-20T00:00:00Z', 'immediate'))
      .then([{ type: 'SubscriptionCancelled', id: 'c-1', accountId: acc, at: '2025-01-20T00:00:00Z', data: { mode: 'immediate' } }])
  })

  it('with no subscription: NO_SUBSCRIPTION (also after a period-end cancellation has ended it)', () => {
    given(history(acc).buyExtra(5)).when(cancel('c-1', '2025-01-20T00:00:00Z')).thenThrows('NO_SUBSCRIPTION')
    given(cancelled).when(cancel('c-1', FEB, 'immediate')).thenThrows('NO_SUBSCRIPTION')
  })

  it('a second period-end cancellation: CANCELLATION_PENDING; an immediate one is accepted', () => {
    const e = given(cancelled).when(cancel('c-1', '2025-01-20T00:00:00Z')).thenThrows('CANCELLATION_PENDING')
    expect(e.message).toMatch(/already cancelled at its period end 2025-02-10T09:00:00.000Z/)
    expect(e.eventId).toBe('c-1')
    given(cancelled)
      .when(cancel('c-1', '2025-01-20T00:00:00Z', 'immediate'))
      .then([{ type: 'SubscriptionCancelled', id: 'c-1', accountId: acc, at: '2025-01-20T00:00:00Z', data: { mode: 'immediate' } }])
  })

  it('at the anniversary, cancels the period that has just begun (the clock moves first)', () => {
    const events = decide(cancel('c-1', FEB), started.state)
    expect(evolve(started.state, events[0]!).subscription).toMatchObject({ period: 2, cancelAtPeriodEnd: true })
  })
})

describe('RevokeCancellation', () => {
  it('records CancellationRevoked while a period-end cancellation is pending', () => {
    given(cancelled)
      .when(revoke('r-1', '2025-01-20T00:00:00Z'))
      .then([{ type: 'CancellationRevoked', id: 'r-1', accountId: acc, at: '2025-01-20T00:00:00Z', data: {} }])
  })

  it('NO_PENDING_CANCELLATION: none pending, no subscription, or at the period end (too late)', () => {
    given(started).when(revoke('r-1', '2025-01-20T00:00:00Z')).thenThrows('NO_PENDING_CANCELLATION')
    given([]).when(revoke('r-1', '2025-01-20T00:00:00Z')).thenThrows('NO_PENDING_CANCELLATION')
    given(cancelled).when(revoke('r-1', FEB)).thenThrows('NO_PENDING_CANCELLATION')
    given(cancelled).when(revoke('r-1', '2025-02-10T08:59:59.999Z')).then([
      { type: 'CancellationRevoked', id: 'r-1', accountId: acc, at: '2025-02-10T08:59:59.999Z', data: {} },
    ])
  })
})

describe('DowngradePlan', () => {
  it('records PlanChangeScheduled, the plan (with its rollover policy) as given', () => {
    given(started)
      .when(downgrade('d-1', '2025-01-20T00:00:00Z'))
      .then([{ type: 'PlanChangeScheduled', id: 'd-1', accountId: acc, at: '2025-01-20T00:00:00Z', data: { plan: lite } }])
  })

  it('accepts a plan with as many monthly credits (a change of price or policy)', () => {
    const same = { ...basic, id: 'basic-cheaper', price: { amount: 1900, currency: 'USD' } }
    given(started)
      .when(downgrade('d-1', '2025-01-20T00:00:00Z', same))
      .then([{ type: 'PlanChangeScheduled', id: 'd-1', accountId: acc, at: '2025-01-20T00:00:00Z', data: { plan: same } }])
  })

  it('NOT_A_DOWNGRADE for a plan with more monthly credits than the plan active at `at`', () => {
    const e = given(started).when(downgrade('d-1', '2025-01-20T00:00:00Z', pro)).thenThrows('NOT_A_DOWNGRADE')
    expect(e.field).toBe('data.plan.monthlyCredits')
    expect(e.message).toMatch(/use UpgradePlan/)
    // the plan active at `at` is the scheduled one once its anniversary has passed: 40 → basic (100) is no downgrade
    given(scheduled).when(downgrade('d-1', FEB, basic)).thenThrows('NOT_A_DOWNGRADE')
  })

  it('CANCELLATION_PENDING while a period-end cancellation is pending', () => {
    given(cancelled).when(downgrade('d-1', '2025-01-20T00:00:00Z')).thenThrows('CANCELLATION_PENDING')
  })

  it('NO_SUBSCRIPTION first, then CURRENCY_MISMATCH, then the command rules', () => {
    given(history(acc).buyExtra(5)).when(downgrade('d-1', '2025-01-20T00:00:00Z', euro)).thenThrows('NO_SUBSCRIPTION')
    given(started).when(downgrade('d-1', '2025-01-20T00:00:00Z', { ...lite, price: euro.price })).thenThrows('CURRENCY_MISMATCH')
  })

  it('a second downgrade replaces the first', () => {
    const mini = { ...lite, id: 'mini', monthlyCredits: 10 }
    const events = decide(downgrade('d-2', '2025-01-20T00:00:00Z', mini), scheduled.state)
    expect(evolve(scheduled.state, events[0]!).subscription!.scheduledPlan).toEqual(mini)
  })
})

describe('CancelPlanChange', () => {
  it('records PlanChangeUnscheduled while a change is scheduled', () => {
    given(scheduled)
      .when(cancelChange('u-1', '2025-01-20T00:00:00Z'))
      .then([{ type: 'PlanChangeUnscheduled', id: 'u-1', accountId: acc, at: '2025-01-20T00:00:00Z', data: {} }])
  })

  it('NO_PENDING_PLAN_CHANGE with none scheduled, or at the anniversary (it has taken effect)', () => {
    given(started).when(cancelChange('u-1', '2025-01-20T00:00:00Z')).thenThrows('NO_PENDING_PLAN_CHANGE')
    given([]).when(cancelChange('u-1', '2025-01-20T00:00:00Z')).thenThrows('NO_PENDING_PLAN_CHANGE')
    given(scheduled).when(cancelChange('u-1', FEB)).thenThrows('NO_PENDING_PLAN_CHANGE')
  })
})

describe('UpgradePlan over a pending cancellation or plan change', () => {
  it('is accepted and clears both (the customer chose a new plan)', () => {
    for (const h of [cancelled, scheduled]) {
      const events = decide(upgrade('u-1', '2025-01-20T00:00:00Z'), h.state)
      expect(events.map((e) => e.type)).toEqual(['PlanUpgraded'])
      expect(evolve(h.state, events[0]!).subscription).toMatchObject({ plan: pro, cancelAtPeriodEnd: false, scheduledPlan: null })
    }
  })
})

describe('retries by id', () => {
  it('the same command again yields no events; another command with that id is IDEMPOTENCY_CONFLICT', () => {
    const cases: [CreditCommand, CreditCommand][] = [
      [cancel('x', '2025-01-20T00:00:00Z'), cancel('x', '2025-01-20T00:00:00Z', 'immediate')],
      [downgrade('x', '2025-01-20T00:00:00Z'), downgrade('x', '2025-01-20T00:00:00Z', { ...lite, rollover: { maxCredits: 11 } })],
    ]
    for (const [command, other] of cases) {
      const state = evolve(started.state, decide(command, started.state)[0]!)
      expect(decide(command, state)).toEqual([])
      expect(() => decide(other, state)).toThrow(expect.objectContaining({ code: 'IDEMPOTENCY_CONFLICT' }))
    }
  })

  it('a default-mode cancellation retried with the mode spelled out is the same command', () => {
    const state = evolve(started.state, decide(cancel('x', '2025-01-20T00:00:00Z'), started.state)[0]!)
    expect(decide(cancel('x', '2025-01-20T00:01:00Z', 'periodEnd'), state)).toEqual([])
  })

  it('revocations and unschedulings retried are no events, even though nothing is pending any more', () => {
    const revoked = evolve(cancelled.state, decide(revoke('r', '2025-01-20T00:00:00Z'), cancelled.state)[0]!)
    expect(decide(revoke('r', '2025-01-20T00:00:00Z'), revoked)).toEqual([])
    expect(() => decide(cancelChange('r', '2025-01-20T00:00:00Z'), revoked)).toThrow(expect.objectContaining({ code: 'IDEMPOTENCY_CONFLICT' }))
    const unscheduled = evolve(scheduled.state, decide(cancelChange('u', '2025-01-20T00:00:00Z'), scheduled.state)[0]!)
    expect(decide(cancelChange('u', '2025-01-20T00:00:00Z'), unscheduled)).toEqual([])
  })

  it('a plan without a rollover policy keeps the command key of contract v2 (windows of older snapshots still match)', () => {
    const state = evolve(started.state, decide(upgrade('up', '2025-01-20T00:00:00Z'), started.state)[0]!)
    expect(state.window.flat().at(-1)!.command).toBe('PlanUpgraded ["pro",500,9900,"USD",null]')
  })
})
