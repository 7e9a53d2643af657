import { describe, expect, it } from 'vitest'
import { advanceTo, balance, replay, type CreditEvent, type Plan } from '../../src/index.js'

// The table "The billing page's upgrade, in numbers" of README.md, row by row.
const basic: Plan = { id: 'basic', monthlyCredits: 100, price: { amount: 2900, currency: 'USD' } }
const pro: Plan = { id: 'pro', monthlyCredits: 500, price: { amount: 9900, currency: 'USD' } }
const accountId = 'acme'
const history: CreditEvent[] = [
  { type: 'SubscriptionStarted', id: 'e1', accountId, at: '2025-01-10T09:00:00Z', data: { plan: basic } },
  { type: 'CreditsConsumed', id: 'e2', accountId, at: '2025-01-20T12:00:00Z', data: { amount: 60 } },
  { type: 'ExtraCreditsPurchased', id: 'e3', accountId, at: '2025-01-21T08:00:00Z', data: { quantity: 50, unitPrice: { amount: 125, currency: 'USD' } } },
  { type: 'PlanUpgraded', id: 'e4', accountId, at: '2025-01-25T16:30:00Z', data: { plan: pro } },
  { type: 'CreditsConsumed', id: 'e5', accountId, at: '2025-02-20T10:00:00Z', data: { amount: 100 } },
]
const after = (n: number) => replay(history.slice(0, n))
const buckets = (n: number) => after(n).buckets.map((b) => [b.id, b.source, b.remaining, b.expiresAt])

describe("README: the billing page's upgrade, in numbers", () => {
  it('subscribes to Basic: 100 subscription credits until the first anniversary', () => {
    expect(buckets(1)).toEqual([['b1', 'subscription', 100, '2025-02-10T09:00:00.000Z']])
  })

  it('consumes 60, then buys 50 extra credits that never expire', () => {
    expect(buckets(2)).toEqual([['b1', 'subscription', 40, '2025-02-10T09:00:00.000Z']])
    expect(buckets(3)).toEqual([
      ['b1', 'subscription', 40, '2025-02-10T09:00:00.000Z'],
      ['b2', 'extra', 50, null],
    ])
  })

  it('upgrades: the 40 unused credits roll over to the new anniversary, before the 500 of Pro', () => {
    expect(buckets(4)).toEqual([
      ['b3', 'rollover', 40, '2025-02-25T16:30:00.000Z'],
      ['b4', 'subscription', 500, '2025-02-25T16:30:00.000Z'],
      ['b2', 'extra', 50, null],
    ])
    expect(balance(after(4)).available).toBe(590)
    expect(after(4).subscription).toMatchObject({ anchor: '2025-01-25T16:30:00.000Z', period: 1 })
  })

  it('consumes 100: 40 from the rollover, then 60 from Pro; extra credits untouched', () => {
    expect(buckets(5)).toEqual([
      ['b4', 'subscription', 440, '2025-02-25T16:30:00.000Z'],
      ['b2', 'extra', 50, null],
    ])
    expect(balance(after(5)).available).toBe(490)
  })

  it('counts each credit once and charges $29 + 50 × $1.25 + $99', () => {
    expect(after(5).totals).toEqual({ granted: 650, consumed: 160, expired: 0, charged: { amount: 19050, currency: 'USD' }, reversed: 0, voided: 0, refunded: 0, refundedMoney: null })
  })

  it('expires what is left of Pro at the anniversary and grants the next 500', () => {
    const renewed = advanceTo(after(5), '2025-02-25T16:30:00Z')
    expect(renewed.totals.expired).toBe(440)
    expect(balance(renewed).bySource).toEqual({ subscription: 500, rollover: 0, extra: 50, promotional: 0 })
    expect(renewed.totals.charged).toEqual({ amount: 28950, currency: 'USD' })
  })
})
