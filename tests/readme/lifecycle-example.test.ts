import { describe, expect, it } from 'vitest'
import { advanceTo, balance, replay, statement, type CreditEvent, type Plan } from '../../src/index.js'

// The tables "A cancellation at the period end" and "A scheduled downgrade with a rollover cap" of README.md, row by row.
const basic: Plan = { id: 'basic', monthlyCredits: 100, price: { amount: 2900, currency: 'USD' } }
const team: Plan = { id: 'team', monthlyCredits: 200, price: { amount: 4900, currency: 'USD' }, rollover: { maxCredits: 60, maxPercent: 25 } }
const accountId = 'acme'
const rows = (state: ReturnType<typeof replay>) => state.buckets.map((b) => [b.id, b.source, b.remaining, b.expiresAt])

describe('README: a cancellation at the period end', () => {
  const history: CreditEvent[] = [
    { type: 'SubscriptionStarted', id: 'e1', accountId, at: '2025-01-10T09:00:00Z', data: { plan: basic } },
    { type: 'CreditsConsumed', id: 'e2', accountId, at: '2025-01-12T10:00:00Z', data: { amount: 30 } },
    { type: 'ExtraCreditsPurchased', id: 'e3', accountId, at: '2025-01-14T08:00:00Z', data: { quantity: 20, unitPrice: { amount: 125, currency: 'USD' } } },
    { type: 'SubscriptionCancelled', id: 'e4', accountId, at: '2025-01-20T12:00:00Z', data: { mode: 'periodEnd' } },
    { type: 'CreditsConsumed', id: 'e5', accountId, at: '2025-03-01T00:00:00Z', data: { amount: 5 } },
  ]
  const after = (n: number) => replay(history.slice(0, n))

  it('rows 1–3: subscribes, consumes 30, buys 20 extra', () => {
    expect(balance(after(1)).available).toBe(100)
    expect(balance(after(2)).available).toBe(70)
    expect(rows(after(3))).toEqual([
      ['b1', 'subscription', 70, '2025-02-10T09:00:00.000Z'],
      ['b2', 'extra', 20, null],
    ])
  })

  it('row 4: cancels at the period end; nothing changes but the flag', () => {
    expect(after(4).subscription).toMatchObject({ cancelAtPeriodEnd: true, periodEnd: '2025-02-10T09:00:00.000Z' })
    expect(balance(after(4)).available).toBe(90)
  })

  it('row 5: at Feb 10 09:00 the 70 expire, no renewal, no charge; the subscription is gone', () => {
    const ended = advanceTo(after(4), '2025-02-10T09:00:00Z')
    expect(ended.subscription).toBeNull()
    expect(rows(ended)).toEqual([['b2', 'extra', 20, null]])
    expect(ended.totals).toEqual({ granted: 120, consumed: 30, expired: 70, charged: { amount: 5400, currency: 'USD' }, reversed: 0, voided: 0, refunded: 0, refundedMoney: null })
  })

  it('row 6: on Mar 1 the extra credits are still spendable', () => {
    expect(rows(after(5))).toEqual([['b2', 'extra', 15, null]])
    expect(after(5).totals.charged).toEqual({ amount: 5400, currency: 'USD' })
  })
})

describe('README: a scheduled downgrade with a rollover cap', () => {
  const history: CreditEvent[] = [
    { type: 'SubscriptionStarted', id: 'e1', accountId, at: '2025-03-31T10:00:00Z', data: { plan: team } },
    { type: 'CreditsConsumed', id: 'e2', accountId, at: '2025-04-10T10:00:00Z', data: { amount: 80 } },
    { type: 'PlanChangeScheduled', id: 'e3', accountId, at: '2025-04-15T10:00:00Z', data: { plan: basic } },
    { type: 'CreditsConsumed', id: 'e4', accountId, at: '2025-05-05T10:00:00Z', data: { amount: 60 } },
  ]
  const after = (n: number) => replay(history.slice(0, n))

  it('rows 1–3: Team grants 200 until Apr 30 (Mar 31 + 1 month, clamped); −80; Basic scheduled', () => {
    expect(rows(after(2))).toEqual([['b1', 'subscription', 120, '2025-04-30T10:00:00.000Z']])
    expect(after(3).subscription).toMatchObject({ plan: team, scheduledPlan: basic })
  })

  it('row 4: Apr 30 10:00: 120 unused, cap min(60, 25 % of 200) = 50 roll, 70 expire, then 100 of Basic for $29', () => {
    const renewed = advanceTo(after(3), '2025-04-30T10:00:00Z')
    expect(rows(renewed)).toEqual([
      ['b2', 'rollover', 50, '2025-05-31T10:00:00.000Z'],
      ['b3', 'subscription', 100, '2025-05-31T10:00:00.000Z'],
    ])
    expect(renewed.subscription).toMatchObject({ plan: basic, anchor: '2025-03-31T10:00:00.000Z', period: 2, scheduledPlan: null })
    expect(renewed.totals).toEqual({ granted: 300, consumed: 80, expired: 70, charged: { amount: 7800, currency: 'USD' }, reversed: 0, voided: 0, refunded: 0, refundedMoney: null })
  })

  it('the statement of Apr 30 10:00: the rollover pair, the expiry of the rest, the grant of Basic', () => {
    const entries = [...statement(history)].filter((e) => e.at === '2025-04-30T10:00:00.000Z')
    expect(entries.map((e) => [e.kind, e.bucketId, e.credits, e.charged])).toEqual([
      ['rollover', 'b1', -50, null],
      ['rollover', 'b2', 50, null],
      ['expire', 'b1', -70, null],
      ['grant', 'b3', 100, { amount: 2900, currency: 'USD' }],
    ])
  })

  it('row 5: May 5: −60, 50 from the rollover, then 10 from Basic', () => {
    expect(rows(after(4))).toEqual([['b3', 'subscription', 90, '2025-05-31T10:00:00.000Z']])
  })

  it('row 6: May 31 10:00: Basic has no policy, so its 90 expire; the next 100 are granted', () => {
    const renewed = advanceTo(after(4), '2025-05-31T10:00:00Z')
    expect(rows(renewed)).toEqual([['b4', 'subscription', 100, '2025-06-30T10:00:00.000Z']])
    expect(renewed.totals).toMatchObject({ granted: 400, consumed: 140, expired: 160 })
  })
})
