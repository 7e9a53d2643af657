/** SPEC §4: money through dinero.js, exact and canonical. */
import { describe, expect, it } from 'vitest'
import { evolve, replay, type Money } from '../../src/index.js'
import { expectError } from '../support/assertions.js'
import { consumed, purchased, started, upgraded } from '../support/events.js'
import { BASIC, PRO, eur, usd } from '../support/plans.js'

const at = (day: number) => `2025-01-${String(day).padStart(2, '0')}T00:00:00Z`

describe('charges are exact', () => {
  it('plan prices and unit price × quantity at scale 2', () => {
    const state = replay([
      started('s', at(1), BASIC), // 29.00
      purchased('p1', at(2), 7), // 7 × 1.25 = 8.75
      purchased('p2', at(3), 3, usd(333)), // 3 × 3.33 = 9.99
      upgraded('u', at(4), PRO), // 99.00
    ])
    // 29.00 + 8.75 + 9.99 + 99.00 = 146.74
    expect(state.totals.charged).toEqual(usd(14674))
  })

  it('prices at scale 4 keep every digit', () => {
    // 3 × 1.2345 = 3.7035
    expect(replay([purchased('p', at(1), 3, usd(12345, 4))]).totals.charged).toEqual(usd(37035, 4))
    // 29.00 + 3.7035 = 32.7035
    expect(replay([started('s', at(1), BASIC), purchased('p', at(2), 3, usd(12345, 4))]).totals.charged).toEqual(usd(327035, 4))
    // 4 × 1.2345 = 4.9380 → trimmed to 4.938 (scale 3)
    expect(replay([purchased('p', at(1), 4, usd(12345, 4))]).totals.charged).toEqual(usd(4938, 3))
    // 8 × 1.2345 = 9.8760 → 9.876; + 0.0040 (1 × 0.004) = 9.88 → scale 2, scale omitted
    expect(replay([purchased('p', at(1), 8, usd(12345, 4)), purchased('q', at(2), 1, usd(40, 4))]).totals.charged).toEqual(
      usd(988),
    )
  })

  it('no floating point: 0.1 + 0.2 is 0.30', () => {
    expect(replay([purchased('a', at(1), 1, usd(10)), purchased('b', at(2), 1, usd(20))]).totals.charged).toEqual(usd(30))
  })

  it('a currency with exponent 0 (JPY) and with 3 (KWD)', () => {
    expect(replay([purchased('p', at(1), 3, { amount: 150, currency: 'JPY' })]).totals.charged).toEqual({
      amount: 450,
      currency: 'JPY',
    })
    // ¥1.5 × 3 = ¥4.5: JPY at scale 1 stays at scale 1
    expect(replay([purchased('p', at(1), 3, { amount: 15, currency: 'JPY', scale: 1 })]).totals.charged).toEqual({
      amount: 45,
      currency: 'JPY',
      scale: 1,
    })
    // KWD 1.250 × 2 = 2.500, exponent 3
    expect(replay([purchased('p', at(1), 2, { amount: 1250, currency: 'KWD' })]).totals.charged).toEqual({
      amount: 2500,
      currency: 'KWD',
    })
  })
})

describe('every Money the library emits is canonical', () => {
  it('trims to, never below, the currency exponent and omits scale when equal to it', () => {
    const state = replay([
      started('s', at(1), { ...BASIC, price: usd(290000, 4) }),
      purchased('p', at(2), 2, usd(12500, 4)),
    ])
    expect(state.subscription!.plan.price).toEqual(usd(2900))
    expect(state.buckets.find((b) => b.source === 'extra')!.unitPrice).toEqual(usd(125))
    expect(state.totals.charged).toEqual(usd(2900 + 250))
    // "scale" key absent, not undefined
    expect(Object.keys(state.totals.charged!)).toEqual(['amount', 'currency'])
    expect(Object.keys(state.subscription!.plan.price)).toEqual(['amount', 'currency'])
  })

  it('does not trim below the exponent: USD 1.00 at scale 2 stays amount 100', () => {
    expect(replay([purchased('p', at(1), 1, usd(1000, 3))]).totals.charged).toEqual(usd(100))
    expect(replay([purchased('p', at(1), 1, usd(1, 0))]).totals.charged).toEqual(usd(100))
  })

  it('keeps a non-trimmable higher scale', () => {
    const state = replay([purchased('p', at(1), 1, usd(12345, 4))])
    expect(state.buckets[0]!.unitPrice).toEqual(usd(12345, 4))
    expect(state.totals.charged).toEqual(usd(12345, 4))
  })

  it('a zero price is a charge: totals.charged is zero money, and the currency is fixed', () => {
    const free = { ...BASIC, id: 'free', price: eur(0, 4) }
    const state = replay([started('s', at(1), free)])
    expect(state.totals.charged).toEqual(eur(0))
    expect(state.subscription!.plan.price).toEqual(eur(0))
    const error = expectError(() => evolve(state, purchased('p', at(2), 1, usd(125))), 'CURRENCY_MISMATCH')
    expect(error).toMatchObject({ eventId: 'p', field: 'data.unitPrice.currency', value: 'USD' })
    expect(error.message).toContain('USD')
    expect(error.message).toContain('EUR')
  })

  it('totals.charged is null before the first charge', () => {
    expect(replay([consumed('c', at(1), 1)]).totals.charged).toBeNull()
  })
})

describe('currency and overflow errors', () => {
  it('CURRENCY_MISMATCH for a second currency, naming the event, field and value', () => {
    const state = replay([purchased('p1', at(1), 1, eur(100))])
    const error = expectError(() => evolve(state, started('s', at(2), BASIC)), 'CURRENCY_MISMATCH')
    expect(error).toMatchObject({ eventId: 's', field: 'data.plan.price.currency', value: 'USD' })
    expect(error.message).toContain('"s"')
  })

  it('AMOUNT_OVERFLOW for quantity × unit price beyond MAX_SAFE_INTEGER, naming the event and field', () => {
    const quantity = Math.floor(Number.MAX_SAFE_INTEGER / 125) + 1
    const error = expectError(() => replay([purchased('big', at(1), quantity, usd(125))]), 'AMOUNT_OVERFLOW')
    expect(error).toMatchObject({ eventId: 'big', field: 'data.quantity', value: quantity })
    expect(error.message).toContain('"big"')
    expect(error.message).toContain('data.quantity')
  })

  it('accepts the largest product that stays safe', () => {
    const quantity = Math.floor(Number.MAX_SAFE_INTEGER / 125)
    const money: Money = replay([purchased('big', at(1), quantity, usd(125))]).totals.charged!
    expect(money).toEqual(usd(quantity * 125))
    expect(Number.isSafeInteger(money.amount)).toBe(true)
  })

  it('AMOUNT_OVERFLOW when a sum of money at a higher scale leaves the safe range (no silent rounding)', () => {
    // USD 100,000,000.00 + USD 0.000000000001 = 100000000000000000001 at scale 12: not a safe integer.
    const state = replay([purchased('p1', at(1), 1, usd(1e10))])
    const error = expectError(() => evolve(state, purchased('p2', at(2), 1, usd(1, 12))), 'AMOUNT_OVERFLOW')
    expect(error.eventId).toBe('p2')
    expect(error.message).toContain('"p2"')
  })

  it('AMOUNT_OVERFLOW (a CreditLedgerError) for a plan price whose canonical form is not safe', () => {
    // 10^14 dollars at scale 0 is 10^16 cents at the currency's exponent.
    const plan = { ...BASIC, price: usd(1e14, 0) }
    for (const run of [
      () => replay([started('s-big', at(1), plan)]),
      () => replay([started('s', at(1), BASIC), upgraded('u-big', at(2), plan)]),
    ]) {
      const error = expectError(run, 'AMOUNT_OVERFLOW')
      expect(error.eventId).toMatch(/-big$/)
      expect(error.field).toMatch(/^data\.plan\.price/)
    }
  })
})
