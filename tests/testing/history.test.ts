import { describe, expect, it } from 'vitest'
import { createLedger, isCreditLedgerError, replay } from '../../src/index.js'
import { given, history } from '../../src/testing/index.js'
import { basic, euro, pro } from '../decide/plans.js'

function codeOf(f: () => unknown): string {
  try {
    f()
  } catch (e) {
    if (isCreditLedgerError(e)) return e.code
    throw e
  }
  return 'none'
}

describe('history', () => {
  it('writes the example of the SPEC with ids and increasing timestamps', () => {
    const events = history('acc-1').start(basic, '2025-01-10T09:00:00Z').consume(30, '+5d').buyExtra(50).upgrade(pro).events
    expect(events.map((e) => [e.type, e.id, e.at])).toEqual([
      ['SubscriptionStarted', 'acc-1-1', '2025-01-10T09:00:00Z'],
      ['CreditsConsumed', 'acc-1-2', '2025-01-15T09:00:00.000Z'],
      ['ExtraCreditsPurchased', 'acc-1-3', '2025-01-15T09:01:00.000Z'],
      ['PlanUpgraded', 'acc-1-4', '2025-01-15T09:02:00.000Z'],
    ])
    expect(events[2]!.data).toEqual({ quantity: 50, unitPrice: { amount: 125, currency: 'USD' } })
    given(events).thenBalance({ available: 620, rollover: 70, subscription: 500, extra: 50 })
  })

  it('starts at 2025-01-01T00:00:00.000Z, then one minute apart', () => {
    expect(history('a').start(basic).consume(1).consume(1).events.map((e) => e.at)).toEqual([
      '2025-01-01T00:00:00.000Z',
      '2025-01-01T00:01:00.000Z',
      '2025-01-01T00:02:00.000Z',
    ])
  })

  it.each([
    ['+250ms', '2025-01-31T10:00:00.250Z'],
    ['+30s', '2025-01-31T10:00:30.000Z'],
    ['+15min', '2025-01-31T10:15:00.000Z'],
    ['+2h', '2025-01-31T12:00:00.000Z'],
    ['+1d', '2025-02-01T10:00:00.000Z'],
    ['+2w', '2025-02-14T10:00:00.000Z'],
    ['+1mo', '2025-02-28T10:00:00.000Z'],
    ['+13mo', '2026-02-28T10:00:00.000Z'],
  ])('reads a relative at %s in UTC (months clamped)', (at, expected) => {
    const h = history('a').start(basic, '2025-01-31T10:00:00Z').consume(1, at)
    expect(h.lastAt).toBe(expected)
  })

  it('a relative first at counts from the default start', () => {
    expect(history('a').start(basic, '+1d').lastAt).toBe('2025-01-02T00:00:00.000Z')
  })

  it('keeps an absolute at as written', () => {
    expect(history('a').start(basic, '2025-01-10T09:00:00+05:30').lastAt).toBe('2025-01-10T09:00:00+05:30')
  })

  it('refuses a bad at or account with INVALID_ARGUMENT', () => {
    expect(codeOf(() => history('a').start(basic, '+5 days'))).toBe('INVALID_ARGUMENT')
    expect(codeOf(() => history('a').start(basic, '2025-01-10'))).toBe('INVALID_ARGUMENT')
    expect(codeOf(() => history(' '))).toBe('INVALID_ARGUMENT')
  })

  it('throws at the call that makes the history invalid', () => {
    const h = history('a').start(basic, '2025-03-01T00:00:00Z')
    expect(codeOf(() => h.start(pro))).toBe('SUBSCRIPTION_ACTIVE')
    expect(codeOf(() => history('a').upgrade(pro))).toBe('NO_SUBSCRIPTION')
    expect(codeOf(() => h.consume(1, '2025-02-01T00:00:00Z'))).toBe('OUT_OF_ORDER')
    expect(codeOf(() => h.upgrade(euro))).toBe('CURRENCY_MISMATCH')
    expect(codeOf(() => h.consume(0))).toBe('INVALID_EVENT')
  })

  it('records facts: a consumption beyond the balance is a deficit', () => {
    given(history('a').start(basic).consume(130)).thenBalance({ available: 0, deficit: 30 })
  })

  it('is immutable: each call returns a new builder, so histories can branch', () => {
    const base = history('a').start(basic)
    const left = base.consume(10)
    const right = base.consume(20)
    expect(base.events).toHaveLength(1)
    expect(left.events[1]!.data).toEqual({ amount: 10 })
    expect(right.events[1]!.data).toEqual({ amount: 20 })
    expect(left.nextId).toBe('a-3')
  })

  it('folds as it goes: its state equals the replay of its events', () => {
    const h = history('a').start(basic).consume(40, '+10d').buyExtra(7, '+1mo').upgrade(pro, '+3d').consume(600, '+2mo')
    expect(h.state).toEqual(replay(h.events))
  })

  it("prices buyExtra with the given ledger and folds with its window", () => {
    const ledger = createLedger({ extraCreditPrice: { amount: 80, currency: 'EUR' } })
    const h = history('a', { ledger }).buyExtra(3)
    expect(h.events[0]!.data).toEqual({ quantity: 3, unitPrice: { amount: 80, currency: 'EUR' } })
    expect(h.state.totals.charged).toEqual({ amount: 240, currency: 'EUR' })
    expect(history('a', { ledger: { extraCreditPrice: { amount: 1, currency: 'GBP' } } }).buyExtra(2).state.totals.charged).toEqual({
      amount: 2,
      currency: 'GBP',
    })
  })

  it('carries a reason', () => {
    expect(history('a').start(basic).consume(3, undefined, 'export').events[1]!.data).toEqual({ amount: 3, reason: 'export' })
  })
})
