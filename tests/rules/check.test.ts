/**
 * The checks before any change (SPEC §4), shared by the fold and `decide`:
 * account, duplicate, order, subscription, currency — each refusal names the
 * event (or the command), the field and the value, and changes nothing.
 */
import { describe, expect, it } from 'vitest'
import { advanceTo, decide, evolve, initialState, replay, type AccountState, type CreditCommand, type CreditEvent } from '../../src/index.js'
import { expectError } from '../support/assertions.js'
import { consumed, promoted, purchased, refunded, started, upgraded } from '../support/events.js'
import { BASIC, PRO, eur, usd } from '../support/plans.js'

const base = (): CreditEvent[] => [started('s', '2025-01-10T09:00:00Z', BASIC), consumed('c1', '2025-01-11T09:00:00Z', 10)]

describe('account', () => {
  it('a fresh state takes the account of its first event; an event of another account is refused, naming both', () => {
    const state = replay(base())
    expect(state.accountId).toBe('acc-1')
    const error = expectError(() => evolve(state, consumed('x', '2025-01-12T00:00:00Z', 1, { accountId: 'acc-2' })), 'ACCOUNT_MISMATCH')
    expect(error.message).toBe('event "x": accountId "acc-2" is not this state\'s account "acc-1"')
    expect(error).toMatchObject({ eventId: 'x', field: 'accountId', value: 'acc-2' })
    expect(evolve(initialState, consumed('y', '2025-01-12T00:00:00Z', 1, { accountId: 'acc-2' })).accountId).toBe('acc-2')
  })

  it('decide names the command', () => {
    const error = expectError(
      () => decide({ type: 'ConsumeCredits', id: 'cmd', accountId: 'acc-9', at: '2025-01-12T00:00:00Z', data: { amount: 1 } }, replay(base())),
      'ACCOUNT_MISMATCH',
    )
    expect(error.message).toBe('command "cmd": accountId "acc-9" is not this state\'s account "acc-1"')
  })
})

describe('duplicate', () => {
  it('an id is refused until exactly the window after it was applied, judged at the later of the clock and the event', () => {
    const state = replay(base()) // c1 at 2025-01-11T09:00Z, the clock there too
    const error = expectError(() => evolve(state, consumed('c1', '2025-01-12T08:59:59.999Z', 1)), 'DUPLICATE_EVENT')
    expect(error.message).toBe('event "c1": id was already applied at 2025-01-11T09:00:00.000Z, within the idempotency window')
    expect(error).toMatchObject({ eventId: 'c1', field: 'id', value: 'c1' })
    // At exactly t + 24 h the event's own instant has left the window, though the clock has not moved yet.
    expect(evolve(state, consumed('c1', '2025-01-12T09:00:00Z', 1)).totals.consumed).toBe(11)
  })

  it('a duplicate earlier than the clock is a duplicate, not out of order (duplicate comes first)', () => {
    const state = replay([...base(), consumed('c2', '2025-01-11T20:00:00Z', 1)])
    expectError(() => evolve(state, consumed('c1', '2025-01-11T10:00:00Z', 1)), 'DUPLICATE_EVENT')
  })
})

describe('order', () => {
  it('an event at the clock is fine; one a millisecond before it is refused, naming its at and the clock', () => {
    const state = replay(base())
    expect(evolve(state, consumed('c2', '2025-01-11T09:00:00Z', 1)).totals.consumed).toBe(11)
    expect(evolve(state, consumed('c2', '2025-01-11T14:30:00+05:30', 1)).totals.consumed).toBe(11)
    const error = expectError(() => evolve(state, consumed('c2', '2025-01-11T08:59:59.999Z', 1)), 'OUT_OF_ORDER')
    expect(error.message).toBe('event "c2": at "2025-01-11T08:59:59.999Z" is before the account\'s clock 2025-01-11T09:00:00.000Z')
    expect(error).toMatchObject({ eventId: 'c2', field: 'at', value: '2025-01-11T08:59:59.999Z' })
  })

  it('a fresh state takes any instant, in decide too', () => {
    expect(evolve(initialState, consumed('c', '0001-01-01T00:00:00Z', 1)).clock).toBe('0001-01-01T00:00:00.000Z')
    const command: CreditCommand = { type: 'StartSubscription', id: 'c', accountId: 'acc-1', at: '0001-01-01T00:00:00Z', data: { plan: BASIC } }
    expect(decide(command, initialState)).toHaveLength(1)
  })

  it('decide refuses a command before the clock, naming the command', () => {
    const command: CreditCommand = { type: 'ConsumeCredits', id: 'late', accountId: 'acc-1', at: '2025-01-11T08:00:00Z', data: { amount: 1 } }
    const error = expectError(() => decide(command, replay(base())), 'OUT_OF_ORDER')
    expect(error.message).toBe('command "late": at "2025-01-11T08:00:00Z" is before the account\'s clock 2025-01-11T09:00:00.000Z')
  })
})

describe('subscription', () => {
  it('a start while a subscription is active is refused, naming the plan', () => {
    const error = expectError(() => evolve(replay(base()), started('s2', '2025-01-12T00:00:00Z', PRO)), 'SUBSCRIPTION_ACTIVE')
    expect(error.message).toBe('event "s2": type SubscriptionStarted while a subscription to plan "basic" is active')
    expect(error).toMatchObject({ eventId: 's2', field: 'type', value: 'SubscriptionStarted' })
  })

  it('an upgrade needs a subscription; consumptions and purchases do not', () => {
    const error = expectError(() => evolve(initialState, upgraded('u', '2025-01-12T00:00:00Z', PRO)), 'NO_SUBSCRIPTION')
    expect(error.message).toBe('event "u": PlanUpgraded needs an active subscription')
    expect(error).toMatchObject({ eventId: 'u', field: 'type', value: 'PlanUpgraded' })
    const state = replay([consumed('c', '2025-01-12T00:00:00Z', 1), purchased('p', '2025-01-12T00:00:00Z', 1)])
    expect(state.subscription).toBeNull()
    expect(evolve(state, started('s', '2025-01-13T00:00:00Z', BASIC)).subscription!.plan.id).toBe('basic')
  })

  it('decide judges the subscription as of the command’s at', () => {
    const command: CreditCommand = { type: 'UpgradePlan', id: 'up', accountId: 'acc-1', at: '2025-03-01T00:00:00Z', data: { plan: PRO } }
    expect(decide(command, replay(base()))).toMatchObject([{ type: 'PlanUpgraded', id: 'up' }])
    const error = expectError(() => decide(command, initialState), 'NO_SUBSCRIPTION')
    expect(error.message).toBe('command "up": PlanUpgraded needs an active subscription')
  })
})

describe('currency', () => {
  it('money must be in the currency of the account’s first charge; each event names its own field', () => {
    const state = replay(base()) // USD
    const purchase = expectError(() => evolve(state, purchased('p', '2025-01-12T00:00:00Z', 1, eur(100))), 'CURRENCY_MISMATCH')
    expect(purchase.message).toBe('event "p": data.unitPrice.currency "EUR" is not the account\'s currency "USD"')
    expect(purchase).toMatchObject({ eventId: 'p', field: 'data.unitPrice.currency', value: 'EUR' })
    const up = expectError(() => evolve(state, upgraded('u', '2025-01-12T00:00:00Z', { ...PRO, price: eur(9900) })), 'CURRENCY_MISMATCH')
    expect(up).toMatchObject({ eventId: 'u', field: 'data.plan.price.currency', value: 'EUR' })
    // The same currency at another scale is the same currency.
    expect(evolve(state, purchased('p', '2025-01-12T00:00:00Z', 1, usd(12500, 4))).totals.charged).toEqual(usd(2900 + 125))
  })

  it('a start in another currency than an earlier purchase is refused; a consumption carries no money', () => {
    const state = replay([purchased('p', '2025-01-01T00:00:00Z', 5, eur(100))])
    const error = expectError(() => evolve(state, started('s', '2025-01-02T00:00:00Z', BASIC)), 'CURRENCY_MISMATCH')
    expect(error).toMatchObject({ field: 'data.plan.price.currency', value: 'USD' })
    expect(evolve(state, consumed('c', '2025-01-02T00:00:00Z', 1)).totals.charged).toEqual(eur(500))
  })

  it('a zero price fixes the currency like any other charge', () => {
    const state = replay([started('s', '2025-01-10T09:00:00Z', { id: 'free', monthlyCredits: 10, price: eur(0) })])
    expect(state.totals.charged).toEqual(eur(0))
    expectError(() => evolve(state, purchased('p', '2025-01-11T00:00:00Z', 1, usd(125))), 'CURRENCY_MISMATCH')
  })

  it('decide checks the currency of the event the command would record', () => {
    const command: CreditCommand = { type: 'UpgradePlan', id: 'up', accountId: 'acc-1', at: '2025-01-12T00:00:00Z', data: { plan: { ...PRO, price: eur(9900) } } }
    const error = expectError(() => decide(command, replay(base())), 'CURRENCY_MISMATCH')
    expect(error.message).toBe('command "up": data.plan.price.currency "EUR" is not the account\'s currency "USD"')
  })
})

describe('a refused event changes nothing', () => {
  it('not even the clock, when it would have passed an anniversary', () => {
    const state: AccountState = replay(base())
    const late = advanceTo(state, '2025-01-31T00:00:00Z')
    expectError(() => evolve(late, upgraded('u', '2025-03-01T00:00:00Z', { ...PRO, price: eur(1) })), 'CURRENCY_MISMATCH')
    expect(late.clock).toBe('2025-01-31T00:00:00.000Z')
    expect(late.subscription!.period).toBe(1)
  })
})

describe('corrections (SPEC §9.2)', () => {
  it('a promotional expiry at or before at is refused with a message naming the event, the field and the value', () => {
    const error = expectError(() => evolve(replay(base()), promoted('g', '2025-01-12T00:00:00Z', 5, '2025-01-12T00:00:00Z')), 'INVALID_EVENT')
    expect(error.message).toBe('event "g": data.expiresAt must be after at (got "2025-01-12T00:00:00Z")')
  })

  it('a refund of a purchase with nothing left names the event and the purchase', () => {
    const error = expectError(() => evolve(replay(base()), refunded('r', '2025-01-12T00:00:00Z', 'nope', 1)), 'UNKNOWN_PURCHASE')
    expect(error.message).toBe('event "r": data.purchaseId "nope" has no extra credits left (no such purchase, or used up)')
  })
})
