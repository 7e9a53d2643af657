import { describe, expect, it } from 'vitest'
import { given, history } from '../../src/testing/index.js'

// The numbers of the README section "Corrections: promotional credits, reversals and refunds".
const basic = { id: 'basic', monthlyCredits: 100, price: { amount: 2900, currency: 'USD' } }

describe('README: corrections, in numbers', () => {
  it('a promotion, partly used, then voided', () => {
    const h = history('acc-1')
      .start(basic, '2025-01-10T09:00:00Z')
      .promo(50, '2025-01-25T00:00:00Z', 'trial', '+1d')
      .consume(30, '+1d')
      .voidPromo('acc-1-2', '+1d')
    given(h).thenBalance({ available: 100, subscription: 100, promotional: 0 })
    expect(h.state.totals).toMatchObject({ granted: 150, consumed: 30, expired: 0, voided: 20 })
  })

  const spent = history('acc-1').start(basic, '2025-01-10T09:00:00Z').buyExtra(50, '+1d').consume(120, '+1d')

  it('a reversal gives back into b2, then into b1 re-created with its id', () => {
    expect(spent.reverse('acc-1-3', 30).state.buckets.map((b) => [b.id, b.remaining])).toEqual([
      ['b1', 10],
      ['b2', 50],
    ])
  })

  it('a refund at the purchase price, charged unchanged', () => {
    const refunded = spent.refund('acc-1-2')
    expect(refunded.state.totals.refundedMoney).toEqual({ amount: 3750, currency: 'USD' })
    expect(refunded.state.totals.charged).toEqual({ amount: 9150, currency: 'USD' })
  })
})
