import { describe, expectTypeOf, it } from 'vitest'
import {
  decide,
  type CancellationMode,
  type CreditEventType,
  type ErrorCode,
  type Plan,
  type RolloverPolicy,
  type Subscription,
} from '../../src/index.js'
import { history, type HistoryBuilder } from '../../src/testing/index.js'

describe('public types of contract v4, part 1', () => {
  it('the state, the plan and the events', () => {
    expectTypeOf<Subscription['cancelAtPeriodEnd']>().toEqualTypeOf<boolean>()
    expectTypeOf<Subscription['scheduledPlan']>().toEqualTypeOf<Plan | null>()
    expectTypeOf<RolloverPolicy>().toEqualTypeOf<{ maxCredits?: number; maxPercent?: number }>()
    expectTypeOf<Plan['rollover']>().toEqualTypeOf<RolloverPolicy | undefined>()
    expectTypeOf<CancellationMode>().toEqualTypeOf<'periodEnd' | 'immediate'>()
    expectTypeOf<'SubscriptionCancelled' | 'CancellationRevoked' | 'PlanChangeScheduled' | 'PlanChangeUnscheduled'>().toExtend<CreditEventType>()
    expectTypeOf<'CANCELLATION_PENDING' | 'NO_PENDING_CANCELLATION' | 'NOT_A_DOWNGRADE' | 'NO_PENDING_PLAN_CHANGE'>().toExtend<ErrorCode>()
  })

  it('the commands and the history builder', () => {
    // @ts-expect-error a cancellation mode is periodEnd or immediate
    decide({ type: 'CancelSubscription', id: 'c', accountId: 'a', at: '2025-01-01T00:00:00Z', data: { mode: 'later' } }, history('a').state)
    expectTypeOf(history('a').cancel()).toEqualTypeOf<HistoryBuilder>()
    expectTypeOf(history('a').cancel).parameter(0).toEqualTypeOf<CancellationMode | undefined>()
    expectTypeOf(history('a').revokeCancellation()).toEqualTypeOf<HistoryBuilder>()
    expectTypeOf(history('a').downgrade).parameter(0).toEqualTypeOf<Plan>()
    expectTypeOf(history('a').cancelPlanChange()).toEqualTypeOf<HistoryBuilder>()
  })
})
