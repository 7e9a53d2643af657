import { describe, expect, it } from 'vitest'
import {
  advanceTo,
  createLedger,
  decide,
  initialState,
  isCreditLedgerError,
  quoteExtraCredits,
  type CreditCommand,
} from '../../src/index.js'
import { given, history } from '../../src/testing/index.js'
import { basic } from '../decide/plans.js'

function errorOf(f: () => unknown): { code: string; field: string | null; message: string } {
  try {
    f()
  } catch (e) {
    if (!isCreditLedgerError(e)) throw e
    return { code: e.code, field: e.field, message: e.message }
  }
  throw new Error('no error')
}

describe('createLedger', () => {
  it('fills in the defaults', () => {
    const ledger = createLedger()
    expect(ledger.options).toEqual({
      extraCreditPrice: { amount: 125, currency: 'USD' },
      minQuantity: 1,
      maxQuantity: 1_000_000,
      idempotencyWindowMs: 86_400_000,
      reversalWindowMs: 2_592_000_000,
    })
    expect(Object.isFrozen(ledger)).toBe(true)
    expect(Object.isFrozen(ledger.options)).toBe(true)
    expect(ledger.initialState).toBe(initialState)
  })

  it('stores the price in canonical form', () => {
    expect(createLedger({ extraCreditPrice: { amount: 12500, currency: 'USD', scale: 4 } }).options.extraCreditPrice).toEqual({
      amount: 125,
      currency: 'USD',
    })
  })

  it.each([
    [{ extraCreditPrice: { amount: -1, currency: 'USD' } }, 'extraCreditPrice.amount'],
    [{ extraCreditPrice: { amount: 1, currency: 'usd' } }, 'extraCreditPrice.currency'],
    [{ minQuantity: 0 }, 'minQuantity'],
    [{ maxQuantity: 2.5 }, 'maxQuantity'],
    [{ minQuantity: 10, maxQuantity: 5 }, 'minQuantity'],
    [{ minQuantity: 2_000_000 }, 'minQuantity'],
    [{ idempotencyWindowMs: 0 }, 'idempotencyWindowMs'],
    [{ idempotencyWindow: 1000 }, 'idempotencyWindow'],
  ])('refuses %j with INVALID_OPTIONS naming the option', (options, field) => {
    const e = errorOf(() => createLedger(options as never))
    expect(e.code).toBe('INVALID_OPTIONS')
    expect(e.field).toBe(field)
    expect(e.message).toMatch(/^ledger options: /)
  })

  it('refuses options that are not an object', () => {
    expect(errorOf(() => createLedger(null as never)).code).toBe('INVALID_OPTIONS')
  })

  it("decides purchases at the ledger's price and bounds", () => {
    const ledger = createLedger({ extraCreditPrice: { amount: 99, currency: 'EUR' }, maxQuantity: 10 })
    const command: CreditCommand = { type: 'PurchaseExtraCredits', id: 'p-1', accountId: 'a', at: '2025-01-01T00:00:00Z', data: { quantity: 10 } }
    expect(ledger.decide(command, ledger.initialState)).toEqual([
      { type: 'ExtraCreditsPurchased', id: 'p-1', accountId: 'a', at: '2025-01-01T00:00:00Z', data: { quantity: 10, unitPrice: { amount: 99, currency: 'EUR' } } },
    ])
    expect(errorOf(() => ledger.decide({ ...command, data: { quantity: 11 } }, ledger.initialState)).code).toBe('INVALID_COMMAND')
    // the default ledger is not affected
    expect(decide({ ...command, data: { quantity: 11 } }, initialState)[0]!.data).toEqual({ quantity: 11, unitPrice: { amount: 125, currency: 'USD' } })
  })

  it('purchase bounds apply to commands, not to recorded history', () => {
    const strict = createLedger({ maxQuantity: 5 })
    const state = strict.replay(history('a').buyExtra(500).events)
    expect(strict.balance(state).available).toBe(500)
  })

  it('binds its idempotency window to evolve, replay, replayAll and advanceTo', async () => {
    const ledger = createLedger({ idempotencyWindowMs: 60_000 })
    const events = history('a', { ledger }).start(basic, '2025-01-01T00:00:00Z').events
    const redelivered = { ...events[0]!, type: 'CreditsConsumed' as const, at: '2025-01-01T00:01:00Z', data: { amount: 1 } }
    expect(ledger.replay([...events, redelivered]).totals.consumed).toBe(1)
    expect(errorOf(() => createLedger().replay([...events, redelivered])).code).toBe('DUPLICATE_EVENT')
    expect(ledger.evolve(ledger.replay(events), redelivered).totals.consumed).toBe(1)
    expect(ledger.replayAll([...events, redelivered]).get('a')!.totals.consumed).toBe(1)
    async function* stream() {
      yield* [...events, redelivered]
    }
    expect((await ledger.replayAll(stream())).get('a')!.totals.consumed).toBe(1)
    expect(ledger.advanceTo(ledger.replay(events), '2025-01-01T00:01:00Z').window).toEqual([])
    expect(advanceTo(ledger.replay(events), '2025-01-01T00:01:00Z').window.flat()).toHaveLength(1)
  })
})

describe('quoteExtraCredits', () => {
  it('is the unit price times the quantity, as the event will charge', () => {
    expect(quoteExtraCredits(50)).toEqual({ amount: 6250, currency: 'USD' })
    expect(quoteExtraCredits(3, { extraCreditPrice: { amount: 9, currency: 'EUR', scale: 1 } })).toEqual({ amount: 270, currency: 'EUR' })
    expect(quoteExtraCredits(7, { extraCreditPrice: { amount: 1234, currency: 'USD', scale: 3 } })).toEqual({ amount: 8638, currency: 'USD', scale: 3 })
    const ledger = createLedger({ extraCreditPrice: { amount: 333, currency: 'JPY' } })
    expect(ledger.quoteExtraCredits(3)).toEqual({ amount: 999, currency: 'JPY' })
  })

  it('equals what the purchase charges', () => {
    const ledger = createLedger({ extraCreditPrice: { amount: 1999, currency: 'USD', scale: 3 } })
    const state = history('a', { ledger }).buyExtra(41).state
    expect(state.totals.charged).toEqual(ledger.quoteExtraCredits(41))
  })

  it('refuses a quantity out of bounds with INVALID_ARGUMENT', () => {
    expect(errorOf(() => quoteExtraCredits(0)).code).toBe('INVALID_ARGUMENT')
    expect(errorOf(() => quoteExtraCredits(1.5)).code).toBe('INVALID_ARGUMENT')
    expect(errorOf(() => quoteExtraCredits(1_000_001)).code).toBe('INVALID_ARGUMENT')
    expect(errorOf(() => createLedger({ minQuantity: 5 }).quoteExtraCredits(4)).field).toBe('quantity')
    expect(errorOf(() => quoteExtraCredits(1, { minQuantity: -1 })).code).toBe('INVALID_OPTIONS')
  })

  it('refuses a cost beyond the safe range with AMOUNT_OVERFLOW', () => {
    expect(errorOf(() => quoteExtraCredits(3, { extraCreditPrice: { amount: 2 ** 52, currency: 'USD' } })).code).toBe('AMOUNT_OVERFLOW')
  })
})

describe('given with a ledger', () => {
  it('accepts a ledger or ledger options', () => {
    const ledger = createLedger({ extraCreditPrice: { amount: 5, currency: 'USD' } })
    const cmd: CreditCommand = { type: 'PurchaseExtraCredits', id: 'x', accountId: 'a', at: '2025-01-01T00:00:00Z', data: { quantity: 2 } }
    const expected = [{ type: 'ExtraCreditsPurchased' as const, id: 'x', accountId: 'a', at: '2025-01-01T00:00:00Z', data: { quantity: 2, unitPrice: { amount: 5, currency: 'USD' } } }]
    given([], { ledger }).when(cmd).then(expected)
    given([], { ledger: { extraCreditPrice: { amount: 5, currency: 'USD' } } }).when(cmd).then(expected)
  })
})
