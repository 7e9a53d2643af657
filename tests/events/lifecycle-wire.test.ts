/**
 * Contract v4, part 1, on the wire and in snapshots: the four new events and
 * the plan's rollover policy through parseEvent and their cheap guards, and
 * parseState reading a snapshot written before v4 (without
 * `cancelAtPeriodEnd` and `scheduledPlan`) and checking the new fields.
 */
import { describe, expect, it } from 'vitest'
import { EVENT_TYPES, parseEvent, parseState, replay, type CreditEvent } from '../../src/index.js'
import { history } from '../../src/testing/index.js'
import { guardSubscriptionCancelledData } from '../../src/events/subscriptionCancelled.js'
import { guardCancellationRevokedData } from '../../src/events/cancellationRevoked.js'
import { guardPlan } from '../../src/events/guardFields.js'
import { guardPlanChangeScheduledData } from '../../src/events/planChangeScheduled.js'
import { guardPlanChangeUnscheduledData } from '../../src/events/planChangeUnscheduled.js'
import { expectError } from '../support/assertions.js'
import { BASIC, eur, usd } from '../support/plans.js'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
const envelope = { id: 'e-9', accountId: 'a', at: '2025-01-15T00:00:00Z' }
const lite = { id: 'lite', monthlyCredits: 40, price: usd(900), rollover: { maxCredits: 10, maxPercent: 50 } }

describe('the events of contract v4, part 1, through parseEvent', () => {
  it('are known types, after those of v1 (and before the corrections of part 2)', () => {
    expect(EVENT_TYPES.slice(4, 8)).toEqual(['SubscriptionCancelled', 'CancellationRevoked', 'PlanChangeScheduled', 'PlanChangeUnscheduled'])
  })

  it.each([
    { type: 'SubscriptionCancelled', ...envelope, data: { mode: 'periodEnd' } },
    { type: 'SubscriptionCancelled', ...envelope, data: { mode: 'immediate' } },
    { type: 'CancellationRevoked', ...envelope, data: {} },
    { type: 'PlanChangeScheduled', ...envelope, data: { plan: lite } },
    { type: 'PlanChangeUnscheduled', ...envelope, data: {}, meta: { by: 'support' } },
    { type: 'SubscriptionStarted', ...envelope, data: { plan: { ...BASIC, rollover: {} } } },
  ])('reads $type', (event) => {
    expect(parseEvent(JSON.parse(JSON.stringify(event)))).toEqual(event)
  })

  it.each([
    [{ type: 'SubscriptionCancelled', ...envelope, data: {} }, 'data.mode'],
    [{ type: 'SubscriptionCancelled', ...envelope, data: { mode: 'later' } }, 'data.mode'],
    [{ type: 'CancellationRevoked', ...envelope, data: { reason: 'x' } }, 'data.reason'],
    [{ type: 'PlanChangeScheduled', ...envelope, data: { plan: { ...lite, rollover: { maxPercent: 101 } } } }, 'data.plan.rollover.maxPercent'],
    [{ type: 'PlanChangeScheduled', ...envelope, data: { plan: { ...lite, rollover: { maxCredits: -1 } } } }, 'data.plan.rollover.maxCredits'],
    [{ type: 'PlanChangeScheduled', ...envelope, data: { plan: { ...lite, rollover: { maxCredits: 1.5 } } } }, 'data.plan.rollover.maxCredits'],
    [{ type: 'PlanChangeScheduled', ...envelope, data: { plan: { ...lite, rollover: { cap: 1 } } } }, 'data.plan.rollover.cap'],
    [{ type: 'PlanChangeUnscheduled', ...envelope }, 'data'],
  ])('refuses %j at %s (INVALID_EVENT)', (event, field) => {
    const e = expectError(() => parseEvent(event), 'INVALID_EVENT')
    expect(e.field).toBe(field)
    expect(e.eventId).toBe('e-9')
  })
})

describe('the cheap guards of the new events (for the fold)', () => {
  it('pass valid data', () => {
    expect(() => guardSubscriptionCancelledData({ mode: 'immediate' }, 'e')).not.toThrow()
    expect(() => guardCancellationRevokedData({}, 'e')).not.toThrow()
    expect(() => guardPlanChangeScheduledData({ plan: lite }, 'e')).not.toThrow()
    expect(() => guardPlanChangeUnscheduledData({}, 'e')).not.toThrow()
  })

  it.each([
    [() => guardSubscriptionCancelledData({ mode: 'x'.repeat(300) }, 'e'), 'data.mode'],
    [() => guardSubscriptionCancelledData(null, 'e'), 'data.mode'],
    [() => guardCancellationRevokedData(undefined, 'e'), 'data'],
    [() => guardPlanChangeUnscheduledData('x', 'e'), 'data'],
    [() => guardPlanChangeScheduledData({}, 'e'), 'data.plan'],
    [() => guardPlanChangeScheduledData({ plan: { ...lite, id: ' ' } }, 'e'), 'data.plan.id'],
    [() => guardPlanChangeScheduledData({ plan: { ...lite, monthlyCredits: 2 ** 53 } }, 'e'), 'data.plan.monthlyCredits'],
    [() => guardPlanChangeScheduledData({ plan: { ...lite, price: { amount: -1, currency: 'USD' } } }, 'e'), 'data.plan.price.amount'],
    [() => guardPlanChangeScheduledData({ plan: { ...lite, price: { amount: 1, currency: 'USD', scale: 13 } } }, 'e'), 'data.plan.price.scale'],
    [() => guardPlanChangeScheduledData({ plan: { ...lite, rollover: { maxPercent: 100.5 } } }, 'e'), 'data.plan.rollover.maxPercent'],
    [() => guardPlan({ ...BASIC, rollover: null }, 'e', 'data.plan'), 'data.plan.rollover'],
  ])('refuse bad data with INVALID_EVENT naming the field (%#)', (guard, field) => {
    const e = expectError(guard, 'INVALID_EVENT')
    expect(e.field).toBe(field)
    expect(e.eventId).toBe('e')
    expect(e.message.length).toBeLessThan(200)
  })
})

describe('parseState and contract v4', () => {
  const h = history('a').start(BASIC, '2025-01-10T09:00:00Z').consume(30, '+1d')
  const v1Snapshot = (): Json => {
    const s = JSON.parse(JSON.stringify(h.state))
    delete s.subscription.cancelAtPeriodEnd
    delete s.subscription.scheduledPlan
    return s
  }

  it('reads a snapshot written before v4 as not cancelled and with no scheduled plan, and continues the replay exactly', () => {
    const restored = parseState(v1Snapshot())
    expect(restored).toEqual(h.state)
    expect(restored.subscription).toMatchObject({ cancelAtPeriodEnd: false, scheduledPlan: null })
    const tail: CreditEvent[] = h.cancel('periodEnd', '+1d').consume(5, '2025-03-01T00:00:00Z').events.slice(2)
    expect(replay(tail, restored)).toEqual(replay([...h.events, ...tail]))
  })

  it('round-trips a pending cancellation and a scheduled plan with a rollover policy', () => {
    for (const s of [h.cancel().state, h.downgrade({ ...lite, price: usd(90000, 4) }).state]) {
      expect(parseState(JSON.parse(JSON.stringify(s)))).toEqual(s)
    }
  })

  it.each([
    ['cancelAtPeriodEnd not a boolean', (s: Json) => (s.subscription.cancelAtPeriodEnd = 'yes'), 'subscription.cancelAtPeriodEnd'],
    ['a scheduled plan in another currency', (s: Json) => (s.subscription.scheduledPlan = { ...lite, price: eur(900) }), 'subscription.scheduledPlan.price.currency'],
    ['a scheduled plan price not canonical', (s: Json) => (s.subscription.scheduledPlan = { ...lite, price: usd(90000, 4) }), 'subscription.scheduledPlan.price'],
    ['a rollover policy out of range', (s: Json) => (s.subscription.plan.rollover = { maxPercent: 200 }), 'subscription.plan.rollover.maxPercent'],
    ['an unknown key in the scheduled plan', (s: Json) => (s.subscription.scheduledPlan = { ...lite, tier: 1 }), 'subscription.scheduledPlan.tier'],
  ])('refuses %s (INVALID_STATE)', (_name, mutate, field) => {
    const s = JSON.parse(JSON.stringify(h.state))
    mutate(s)
    expect(expectError(() => parseState(s), 'INVALID_STATE').field).toBe(field)
  })
})

describe('states of contract v4 are deeply frozen and never share the input', () => {
  it('after evolve and after replay, with a plan policy and a scheduled plan', async () => {
    const { unfrozenPaths } = await import('../support/assertions.js')
    const policyPlan = { ...BASIC, rollover: { maxCredits: 5 } }
    const h = history('a').start(policyPlan, '2025-01-10T09:00:00Z').downgrade(lite, '+1d') // folded by evolve
    const replayed = replay(h.events)
    for (const s of [h.state, replayed]) {
      expect(unfrozenPaths(s)).toEqual([])
      expect(s.subscription!.plan.rollover).toEqual({ maxCredits: 5 })
      expect(s.subscription!.scheduledPlan).toEqual(lite)
      expect(s.subscription!.scheduledPlan).not.toBe((h.events[1]!.data as { plan: unknown }).plan)
    }
    expect(Object.isFrozen(policyPlan.rollover)).toBe(false)
    expect(Object.isFrozen(lite.rollover)).toBe(false)
  })
})
