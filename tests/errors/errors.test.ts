/** SPEC §4–5: every invalid history refused with the right code, in the order of precedence, nothing half-applied. */
import { describe, expect, it } from 'vitest'
import {
  CreditLedgerError,
  advanceTo,
  balance,
  evolve,
  initialState,
  isCreditLedgerError,
  replay,
  replayAll,
  type AccountState,
  type CreditEvent,
  type ErrorCode,
} from '../../src/index.js'
import { expectError } from '../support/assertions.js'
import { consumed, purchased, started, upgraded, wire } from '../support/events.js'
import { BASIC, PRO, eur, usd } from '../support/plans.js'

const base = [started('s', '2025-01-10T09:00:00Z', BASIC), consumed('c1', '2025-01-11T09:00:00Z', 10)]

/**
 * Expects `event` after `history` to be refused with `code` by evolve, replay
 * and replayAll alike, with the event id and `field` named, and the input
 * state unchanged and still usable.
 */
function expectRefused(history: CreditEvent[], event: CreditEvent, code: ErrorCode, field: string) {
  const state = replay(history)
  const snapshot = JSON.stringify(state)
  const runs: Array<() => unknown> = [() => evolve(state, event), () => replay([event], state), () => replay([...history, event])]
  // replayAll routes another account's event to that account: not an error there.
  if (code !== 'ACCOUNT_MISMATCH') runs.push(() => replayAll([...history, event].map(wire)))
  for (const run of runs) {
    const error = expectError(run, code)
    expect(error).toBeInstanceOf(CreditLedgerError)
    expect(error.eventId).toBe(event.id)
    expect(error.field).toBe(field)
    expect(error.message).toContain(JSON.stringify(event.id))
    // The message names the field (or, for a field such as `type`, its value).
    const value = field.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], event)
    expect(
      error.message.includes(field) || (typeof value === 'string' && error.message.includes(value)),
      `message ${JSON.stringify(error.message)} names ${field}`,
    ).toBe(true)
  }
  // Nothing half-applied: the state is the same and still usable.
  expect(JSON.stringify(state)).toBe(snapshot)
  const next = advanceTo(state, '2025-12-31T00:00:00Z')
  expect(next.clock).toBe('2025-12-31T00:00:00.000Z')
}

describe('each invalid history has its code', () => {
  it('OUT_OF_ORDER: an event earlier than the clock', () => {
    expectRefused(base, consumed('late', '2025-01-11T08:59:59.999Z', 1), 'OUT_OF_ORDER', 'at')
  })

  it('an event at the same instant as the clock keeps the given order', () => {
    const state = replay([...base, consumed('same', '2025-01-11T09:00:00Z', 1), consumed('same2', '2025-01-11T14:30:00+05:30', 1)])
    expect(state.totals.consumed).toBe(12)
  })

  it('ACCOUNT_MISMATCH: an event of another account', () => {
    expectRefused(base, consumed('other', '2025-01-12T00:00:00Z', 1, { accountId: 'acc-2' }), 'ACCOUNT_MISMATCH', 'accountId')
  })

  it('account ids are compared exactly (case and spaces matter)', () => {
    expectRefused(base, consumed('x1', '2025-01-12T00:00:00Z', 1, { accountId: 'ACC-1' }), 'ACCOUNT_MISMATCH', 'accountId')
    expectRefused(base, consumed('x2', '2025-01-12T00:00:00Z', 1, { accountId: 'acc-1 ' }), 'ACCOUNT_MISMATCH', 'accountId')
  })

  it('DUPLICATE_EVENT: an id in the idempotency window', () => {
    expectRefused(base, consumed('c1', '2025-01-11T10:00:00Z', 3), 'DUPLICATE_EVENT', 'id')
  })

  it('NO_SUBSCRIPTION: PlanUpgraded with no active subscription', () => {
    expectRefused([purchased('p', '2025-01-01T00:00:00Z', 5)], upgraded('u', '2025-01-02T00:00:00Z', PRO), 'NO_SUBSCRIPTION', 'type')
    const error = expectError(() => evolve(initialState, upgraded('u0', '2025-01-02T00:00:00Z', PRO)), 'NO_SUBSCRIPTION')
    expect(error.message).toContain('"u0"')
  })

  it('consumptions and purchases need no subscription', () => {
    const state = replay([purchased('p', '2025-01-01T00:00:00Z', 5), consumed('c', '2025-01-02T00:00:00Z', 3)])
    expect(balance(state).available).toBe(2)
  })

  it('SUBSCRIPTION_ACTIVE: SubscriptionStarted while one is active', () => {
    expectRefused(base, started('s2', '2025-01-12T00:00:00Z', PRO), 'SUBSCRIPTION_ACTIVE', 'type')
  })

  it('CURRENCY_MISMATCH: money in a second currency (purchase, plan price, upgrade)', () => {
    expectRefused(base, purchased('p-eur', '2025-01-12T00:00:00Z', 5, eur(100)), 'CURRENCY_MISMATCH', 'data.unitPrice.currency')
    expectRefused(
      base,
      upgraded('u-eur', '2025-01-12T00:00:00Z', { ...PRO, price: eur(9900) }),
      'CURRENCY_MISMATCH',
      'data.plan.price.currency',
    )
    expectRefused(
      [purchased('p', '2025-01-01T00:00:00Z', 5, eur(100))],
      started('s-usd', '2025-01-02T00:00:00Z', BASIC),
      'CURRENCY_MISMATCH',
      'data.plan.price.currency',
    )
  })

  it('AMOUNT_OVERFLOW: quantity × unit price beyond Number.MAX_SAFE_INTEGER', () => {
    // 2^50 × 125 ≈ 1.4e17 > 2^53
    expectRefused([], purchased('big', '2025-01-12T00:00:00Z', 2 ** 50, usd(125)), 'AMOUNT_OVERFLOW', 'data.quantity')
  })

  it('AMOUNT_OVERFLOW: total consumed beyond the safe range', () => {
    expectRefused(
      [consumed('huge', '2025-01-01T00:00:00Z', Number.MAX_SAFE_INTEGER)],
      consumed('one-more', '2025-01-02T00:00:00Z', 1),
      'AMOUNT_OVERFLOW',
      'data.amount',
    )
  })

  it('AMOUNT_OVERFLOW: total granted beyond the safe range', () => {
    expectRefused(
      [purchased('free', '2025-01-01T00:00:00Z', Number.MAX_SAFE_INTEGER, usd(0))],
      purchased('one-more', '2025-01-02T00:00:00Z', 1, usd(0)),
      'AMOUNT_OVERFLOW',
      'data.quantity',
    )
  })

  it('AMOUNT_OVERFLOW: total money charged beyond the safe range', () => {
    const half = Math.floor(Number.MAX_SAFE_INTEGER / 2) + 1
    const first = purchased('p1', '2025-01-01T00:00:00Z', 1, usd(half))
    const state = replay([first])
    expect(state.totals.charged).toEqual(usd(half))
    const error = expectError(() => evolve(state, purchased('p2', '2025-01-02T00:00:00Z', 1, usd(half))), 'AMOUNT_OVERFLOW')
    expect(error.eventId).toBe('p2')
    expect(error.message).toContain('"p2"')
    expect(error.field).not.toBeNull()
  })

  it('an unknown type is refused by replayAll, never ignored', () => {
    const event = { ...wire(consumed('r', '2025-01-12T00:00:00Z', 1)), type: 'ConsumptionReversed' }
    const error = expectError(() => replayAll([event]), 'INVALID_EVENT')
    expect(error.eventId).toBe('r')
  })
})

describe('precedence: shape, account, duplicate, order, subscription, currency, overflow', () => {
  // Folded in each test, never while vitest collects the file (Stryker would
  // count that as static coverage).
  const baseState = () => replay(base)

  it('shape before account', () => {
    const state = baseState()
    const bad = { ...wire(consumed('x', '2025-02-30T00:00:00Z', 1, { accountId: 'acc-2' })) }
    expectError(() => replayAll([...base.map(wire), bad]), 'INVALID_EVENT')
    // evolve reads at strictly before anything else
    expectError(() => evolve(state, bad as unknown as CreditEvent), 'INVALID_EVENT')
  })

  it('account before duplicate', () => {
    const state = baseState()
    expectError(() => evolve(state, consumed('c1', '2025-01-11T10:00:00Z', 1, { accountId: 'acc-2' })), 'ACCOUNT_MISMATCH')
  })

  it('duplicate before order', () => {
    const state = baseState()
    expectError(() => evolve(state, consumed('c1', '2025-01-11T08:00:00Z', 1)), 'DUPLICATE_EVENT')
    // an exact redelivery of the last event
    expectError(() => evolve(state, base[1]!), 'DUPLICATE_EVENT')
  })

  it('order before subscription', () => {
    const state = baseState()
    expectError(() => evolve(state, started('s2', '2025-01-01T00:00:00Z', BASIC)), 'OUT_OF_ORDER')
    const noSub = replay([purchased('p', '2025-01-10T00:00:00Z', 1)])
    expectError(() => evolve(noSub, upgraded('u', '2025-01-01T00:00:00Z', PRO)), 'OUT_OF_ORDER')
  })

  it('subscription before currency', () => {
    const state = baseState()
    expectError(() => evolve(state, started('s2', '2025-01-12T00:00:00Z', { ...PRO, price: eur(100) })), 'SUBSCRIPTION_ACTIVE')
    const noSub = replay([purchased('p', '2025-01-10T00:00:00Z', 1)])
    expectError(() => evolve(noSub, upgraded('u', '2025-01-12T00:00:00Z', { ...PRO, price: eur(100) })), 'NO_SUBSCRIPTION')
  })

  it('currency before overflow', () => {
    const state = baseState()
    expectError(() => evolve(state, purchased('p', '2025-01-12T00:00:00Z', 2 ** 50, eur(125))), 'CURRENCY_MISMATCH')
  })

  it('order before overflow', () => {
    const state = baseState()
    expectError(() => evolve(state, purchased('p', '2025-01-01T00:00:00Z', 2 ** 50, usd(125))), 'OUT_OF_ORDER')
  })
})

describe('errors', () => {
  it('are CreditLedgerErrors recognised by isCreditLedgerError and by code', () => {
    const error = expectError(() => evolve(replay(base), consumed('late', '2024-01-01T00:00:00Z', 1)), 'OUT_OF_ORDER')
    expect(isCreditLedgerError(error)).toBe(true)
    expect(error).toBeInstanceOf(Error)
    expect(typeof error.code).toBe('string')
    expect(isCreditLedgerError(new Error('x'))).toBe(false)
    expect(isCreditLedgerError({ code: 'OUT_OF_ORDER' })).toBe(false)
  })

  it('replay refuses a non-iterable with INVALID_ARGUMENT', () => {
    expectError(() => replay(42 as unknown as CreditEvent[]), 'INVALID_ARGUMENT')
  })

  it('replay throws at the first bad event and returns nothing; the from state is unchanged', () => {
    const from = replay(base)
    const before = JSON.stringify(from)
    expectError(
      () => replay([consumed('ok', '2025-01-12T00:00:00Z', 5), consumed('bad', '2025-01-01T00:00:00Z', 5)], from),
      'OUT_OF_ORDER',
    )
    expect(JSON.stringify(from)).toBe(before)
  })

  it('an evolve that fails after a renewal would have happened leaves the state before it untouched', () => {
    const state: AccountState = replay(base)
    // The renewal at 02-10 would apply first, then the currency check... which precedes any change.
    expectError(() => evolve(state, purchased('p', '2025-03-01T00:00:00Z', 2 ** 50, usd(125))), 'AMOUNT_OVERFLOW')
    expect(state.subscription!.period).toBe(1)
    expect(advanceTo(state, '2025-03-01T00:00:00Z').subscription!.period).toBe(2)
  })
})
