import { describe, expect, it } from 'vitest'
import {
  balance,
  decide,
  evolve,
  initialState,
  replay,
  type AccountState,
  type CreditCommand,
  type CreditEvent,
} from '../../src/index.js'
import { given, history } from '../../src/testing/index.js'
import { basic, euro, pro } from './plans.js'

const acc = 'acc-1'
const consume = (id: string, at: string, amount: number, reason?: string): CreditCommand => ({
  type: 'ConsumeCredits',
  id,
  accountId: acc,
  at,
  data: reason === undefined ? { amount } : { amount, reason },
})
const purchase = (id: string, at: string, quantity: number): CreditCommand => ({
  type: 'PurchaseExtraCredits',
  id,
  accountId: acc,
  at,
  data: { quantity },
})
const upgrade = (id: string, at: string, plan = pro): CreditCommand => ({ type: 'UpgradePlan', id, accountId: acc, at, data: { plan } })
const start = (id: string, at: string, plan = basic): CreditCommand => ({ type: 'StartSubscription', id, accountId: acc, at, data: { plan } })

// Built in each test, never while vitest collects the file (Stryker would
// count that as static coverage).
const startedHistory = () => history(acc).start(basic, '2025-01-10T09:00:00Z') // acc-1-1, 100 credits until 2025-02-10T09:00Z

describe('StartSubscription', () => {
  it('records SubscriptionStarted with the command id, account, at and meta', () => {
    given([])
      .when({ ...start('c-1', '2025-01-10T09:00:00+05:30'), meta: { requestId: 'r-9' } })
      .then([
        {
          type: 'SubscriptionStarted',
          id: 'c-1',
          accountId: acc,
          at: '2025-01-10T09:00:00+05:30',
          data: { plan: basic },
          meta: { requestId: 'r-9' },
        },
      ])
  })

  it('is refused while a subscription is active', () => {
    const started = startedHistory()
    given(started).when(start('c-2', '2025-01-11T00:00:00Z', pro)).thenThrows('SUBSCRIPTION_ACTIVE')
  })

  it('is refused in another currency than the one already charged', () => {
    const e = given(history(acc).buyExtra(10)).when(start('c-2', '2025-01-02T00:00:00Z', euro)).thenThrows('CURRENCY_MISMATCH')
    expect(e.field).toBe('data.plan.price.currency')
    expect(e.message).toContain('"EUR"')
  })
})

describe('ConsumeCredits', () => {
  it('records CreditsConsumed, with the reason when given and no undefined key otherwise', () => {
    const started = startedHistory()
    given(started)
      .when(consume('c-2', '2025-01-12T00:00:00Z', 30, 'report'))
      .then([{ type: 'CreditsConsumed', id: 'c-2', accountId: acc, at: '2025-01-12T00:00:00Z', data: { amount: 30, reason: 'report' } }])
    const [event] = decide(consume('c-3', '2025-01-12T00:00:00Z', 30), started.state)
    expect(Object.keys(event!.data)).toEqual(['amount'])
    expect(Object.keys(event!)).not.toContain('meta')
  })

  it('accepts exactly the available credits and refuses one more, with requested and available', () => {
    const started = startedHistory()
    given(started).when(consume('c-2', '2025-01-12T00:00:00Z', 100)).then([
      { type: 'CreditsConsumed', id: 'c-2', accountId: acc, at: '2025-01-12T00:00:00Z', data: { amount: 100 } },
    ])
    const e = given(started).when(consume('c-2', '2025-01-12T00:00:00Z', 101)).thenThrows('INSUFFICIENT_CREDITS')
    expect(e.requested).toBe(101)
    expect(e.available).toBe(100)
    expect(e.eventId).toBe('c-2')
    expect(e.field).toBe('data.amount')
    expect(e.message).toMatch(/101/)
    expect(e.message).toMatch(/100/)
  })

  it('with no credits at all is INSUFFICIENT_CREDITS with available 0 (also for a fresh account)', () => {
    expect(given([]).when(consume('c-1', '2025-01-01T00:00:00Z', 1)).thenThrows('INSUFFICIENT_CREDITS').available).toBe(0)
    const inDeficit = history(acc).start(basic).consume(150)
    expect(given(inDeficit).when(consume('c-9', '2025-01-02T00:00:00Z', 1)).thenThrows('INSUFFICIENT_CREDITS').available).toBe(0)
  })

  it('judges at the command time: expired credits are gone, the renewal has granted new ones', () => {
    const started = startedHistory()
    const spent = started.consume(90, '2025-02-01T00:00:00Z') // 10 left until 2025-02-10T09:00Z
    given(spent).when(consume('c-3', '2025-02-10T08:59:59.999Z', 11)).thenThrows('INSUFFICIENT_CREDITS')
    // At the anniversary the old 10 expire and the renewal grants 100.
    expect(given(spent).when(consume('c-3', '2025-02-10T09:00:00Z', 101)).thenThrows('INSUFFICIENT_CREDITS').available).toBe(100)
    given(spent).when(consume('c-3', '2025-02-10T09:00:00Z', 100)).then([
      { type: 'CreditsConsumed', id: 'c-3', accountId: acc, at: '2025-02-10T09:00:00Z', data: { amount: 100 } },
    ])
  })

  it('counts extra credits after subscription credits', () => {
    const started = startedHistory()
    const h = started.buyExtra(50)
    expect(given(h).when(consume('c-3', '2025-03-01T00:00:00Z', 151)).thenThrows('INSUFFICIENT_CREDITS').available).toBe(150)
  })
})

describe('PurchaseExtraCredits', () => {
  it("records ExtraCreditsPurchased at the ledger's unit price", () => {
    given([]).when(purchase('c-1', '2025-01-01T00:00:00Z', 50)).then([
      {
        type: 'ExtraCreditsPurchased',
        id: 'c-1',
        accountId: acc,
        at: '2025-01-01T00:00:00Z',
        data: { quantity: 50, unitPrice: { amount: 125, currency: 'USD' } },
      },
    ])
  })

  it("refuses a quantity out of the ledger's bounds with INVALID_COMMAND", () => {
    const ledger = { maxQuantity: 100, minQuantity: 10 }
    given([], { ledger }).when(purchase('c-1', '2025-01-01T00:00:00Z', 101)).thenThrows('INVALID_COMMAND')
    given([], { ledger }).when(purchase('c-1', '2025-01-01T00:00:00Z', 9)).thenThrows('INVALID_COMMAND')
    given([], { ledger }).when(purchase('c-1', '2025-01-01T00:00:00Z', 10)).then([
      { type: 'ExtraCreditsPurchased', id: 'c-1', accountId: acc, at: '2025-01-01T00:00:00Z', data: { quantity: 10, unitPrice: { amount: 125, currency: 'USD' } } },
    ])
    expect(given([]).when(purchase('c-1', '2025-01-01T00:00:00Z', 1_000_001)).thenThrows('INVALID_COMMAND').field).toBe('data.quantity')
  })

  it("is refused when the ledger's price is in another currency than the account's", () => {
    const started = startedHistory()
    given(started, { ledger: { extraCreditPrice: { amount: 100, currency: 'EUR' } } })
      .when(purchase('c-2', '2025-01-11T00:00:00Z', 5))
      .thenThrows('CURRENCY_MISMATCH')
  })

  it('refuses a cost that would overflow with AMOUNT_OVERFLOW', () => {
    const ledger = { extraCreditPrice: { amount: 2 ** 52, currency: 'USD' } }
    given([], { ledger }).when(purchase('c-1', '2025-01-01T00:00:00Z', 4)).thenThrows('AMOUNT_OVERFLOW')
  })
})

describe('UpgradePlan', () => {
  it('records PlanUpgraded', () => {
    const started = startedHistory()
    given(started).when(upgrade('c-2', '2025-01-20T00:00:00Z')).then([
      { type: 'PlanUpgraded', id: 'c-2', accountId: acc, at: '2025-01-20T00:00:00Z', data: { plan: pro } },
    ])
  })

  it('is refused without a subscription', () => {
    given(history(acc).buyExtra(5)).when(upgrade('c-2', '2025-01-20T00:00:00Z')).thenThrows('NO_SUBSCRIPTION')
  })

  it('is refused unless the new plan grants more monthly credits (price not compared)', () => {
    const started = startedHistory()
    given(started).when(upgrade('c-2', '2025-01-20T00:00:00Z', { ...basic, id: 'same' })).thenThrows('NOT_AN_UPGRADE')
    given(started).when(upgrade('c-2', '2025-01-20T00:00:00Z', { ...basic, monthlyCredits: 99, price: { amount: 99999, currency: 'USD' } })).thenThrows('NOT_AN_UPGRADE')
    given(started).when(upgrade('c-2', '2025-01-20T00:00:00Z', { ...basic, id: 'cheap', monthlyCredits: 101, price: { amount: 0, currency: 'USD' } })).then([
      { type: 'PlanUpgraded', id: 'c-2', accountId: acc, at: '2025-01-20T00:00:00Z', data: { plan: { ...basic, id: 'cheap', monthlyCredits: 101, price: { amount: 0, currency: 'USD' } } } },
    ])
  })

  it('compares with the plan active at the command time', () => {
    const started = startedHistory()
    const upgraded = started.upgrade(pro, '2025-01-20T00:00:00Z')
    given(upgraded).when(upgrade('c-3', '2025-03-01T00:00:00Z', { ...pro, id: 'mid', monthlyCredits: 300 })).thenThrows('NOT_AN_UPGRADE')
  })

  it('is refused in another currency', () => {
    const started = startedHistory()
    given(started).when(upgrade('c-2', '2025-01-20T00:00:00Z', euro)).thenThrows('CURRENCY_MISMATCH')
  })
})

describe('checks common to every command, in order', () => {
  it('a bad shape is INVALID_COMMAND before anything else', () => {
    const started = startedHistory()
    const bad = { ...consume('c-2', '2025-01-12T00:00:00Z', 0), accountId: 'other' }
    const e = given(started).when(bad).thenThrows('INVALID_COMMAND')
    expect(e.field).toBe('data.amount')
  })

  it('another account is ACCOUNT_MISMATCH, before the window', () => {
    const started = startedHistory()
    const cmd = { ...consume('acc-1-1', '2025-01-12T00:00:00Z', 1), accountId: 'acc-2' }
    given(started).when(cmd).thenThrows('ACCOUNT_MISMATCH')
  })

  it('an at before the clock is OUT_OF_ORDER', () => {
    const started = startedHistory()
    const e = given(started.consume(1, '2025-01-15T00:00:00Z')).when(consume('c-9', '2025-01-14T00:00:00Z', 1)).thenThrows('OUT_OF_ORDER')
    expect(e.eventId).toBe('c-9')
  })

  it('OUT_OF_ORDER comes before the subscription and rule checks', () => {
    const started = startedHistory()
    const h = started.consume(1, '2025-01-15T00:00:00Z')
    given(h).when(start('c-9', '2025-01-14T00:00:00Z')).thenThrows('OUT_OF_ORDER')
    given(h).when(consume('c-9', '2025-01-14T00:00:00Z', 10_000)).thenThrows('OUT_OF_ORDER')
  })

  it('the subscription check comes before the currency check, which comes before the rule checks', () => {
    const started = startedHistory()
    given(started).when(start('c-9', '2025-01-14T00:00:00Z', euro)).thenThrows('SUBSCRIPTION_ACTIVE')
    given(started).when(upgrade('c-9', '2025-01-14T00:00:00Z', { ...euro, monthlyCredits: 1 })).thenThrows('CURRENCY_MISMATCH')
    given(started, { ledger: { extraCreditPrice: { amount: 1, currency: 'EUR' }, maxQuantity: 5 } })
      .when(purchase('c-9', '2025-01-14T00:00:00Z', 6))
      .thenThrows('CURRENCY_MISMATCH')
  })
})

describe('idempotency: the window before the order', () => {
  // Folded in each test, never while vitest collects the file (Stryker would
  // count that as static coverage).
  const retriedHistory = () => history(acc).start(basic, '2025-01-10T09:00:00Z').consume(30, '2025-01-12T00:00:00Z').consume(5, '2025-01-12T06:00:00Z') // acc-1-2, acc-1-3

  it('a retry of the same command yields no events, even after later events', () => {
    const retried = retriedHistory()
    given(retried).when(consume('acc-1-2', '2025-01-12T00:00:00Z', 30)).then([])
    given(retried).when(consume('acc-1-2', '2025-01-12T07:00:00Z', 30)).then([])
    given(retried).when({ ...consume('acc-1-2', '2025-01-12T07:00:00Z', 30), meta: { retry: 2 } }).then([])
  })

  it('a retry is idempotent even when the balance would now refuse it', () => {
    const retried = retriedHistory()
    given(retried.consume(65, '2025-01-12T06:30:00Z')).when(consume('acc-1-2', '2025-01-12T07:00:00Z', 30)).then([])
  })

  it('another command with the id of one in the window is IDEMPOTENCY_CONFLICT', () => {
    const retried = retriedHistory()
    given(retried).when(consume('acc-1-2', '2025-01-12T07:00:00Z', 31)).thenThrows('IDEMPOTENCY_CONFLICT')
    given(retried).when(consume('acc-1-2', '2025-01-12T07:00:00Z', 30, 'other reason')).thenThrows('IDEMPOTENCY_CONFLICT')
    given(retried).when(purchase('acc-1-2', '2025-01-12T07:00:00Z', 30)).thenThrows('IDEMPOTENCY_CONFLICT')
    // even at an at before the clock: the window is checked first
    given(retried).when(purchase('acc-1-3', '2025-01-12T01:00:00Z', 1)).thenThrows('IDEMPOTENCY_CONFLICT')
  })

  it('a retried purchase and a retried start compare type and data', () => {
    const h = history(acc).start(basic).buyExtra(10)
    given(h).when(purchase('acc-1-2', '2025-01-01T00:05:00Z', 10)).then([])
    given(h).when(start('acc-1-1', '2025-01-01T00:05:00Z', basic)).then([])
    given(h).when(start('acc-1-1', '2025-01-01T00:05:00Z', { ...basic, price: { amount: 290000, currency: 'USD', scale: 4 } })).then([])
    given(h).when(start('acc-1-1', '2025-01-01T00:05:00Z', pro)).thenThrows('IDEMPOTENCY_CONFLICT')
  })

  it('once the id has left the window (half-open), the id is a new command again', () => {
    const retried = retriedHistory()
    // acc-1-2 applied at 2025-01-12T00:00Z; forgotten from 2025-01-13T00:00Z
    given(retried).when(consume('acc-1-2', '2025-01-12T23:59:59.999Z', 30)).then([])
    given(retried).when(consume('acc-1-2', '2025-01-13T00:00:00Z', 30)).then([
      { type: 'CreditsConsumed', id: 'acc-1-2', accountId: acc, at: '2025-01-13T00:00:00Z', data: { amount: 30 } },
    ])
  })

  it("follows the ledger's idempotencyWindowMs", () => {
    const ledger = { idempotencyWindowMs: 60_000 }
    const h = history(acc, { ledger }).start(basic, '2025-01-01T00:00:00Z')
    given(h, { ledger }).when(start('acc-1-1', '2025-01-01T00:00:59.999Z')).then([])
    given(h, { ledger }).when(start('acc-1-1', '2025-01-01T00:01:00Z')).thenThrows('SUBSCRIPTION_ACTIVE')
  })
})

describe('purity', () => {
  it('never mutates or freezes its inputs, and the events do not alias the command', () => {
    const started = startedHistory()
    const command = { ...upgrade('c-2', '2025-03-01T00:00:00Z'), meta: { m: { deep: 1 } } }
    const copy = structuredClone(command)
    const state: AccountState = started.state
    const before = JSON.stringify(state)
    const [event] = decide(command, state)
    expect(command).toEqual(copy)
    expect(Object.isFrozen(command)).toBe(false)
    expect(JSON.stringify(state)).toBe(before)
    expect(event!.data).not.toBe(command.data)
    expect(event!.meta).toEqual({ m: { deep: 1 } })
  })

  it('binds the account on the first command like the first event', () => {
    const events = decide(start('c-1', '2025-01-01T00:00:00Z'), initialState)
    expect(replay(events).accountId).toBe(acc)
  })
})

describe('decide then evolve', () => {
  it('evolve accepts every event decide returns, over a long random session', () => {
    let seed = 7
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    let state = initialState
    let ms = Date.parse('2025-01-01T00:00:00Z')
    let accepted = 0
    let refused = 0
    const ids: string[] = []
    for (let i = 0; i < 600; i++) {
      ms += Math.floor(random() * 3 * 86_400_000)
      const at = new Date(ms).toISOString()
      const r = random()
      const id = r < 0.1 && ids.length > 0 ? ids[ids.length - 1]! : `c-${i}`
      const plan = { id: `p-${i}`, monthlyCredits: 50 + Math.floor(random() * 500), price: { amount: 1000, currency: 'USD' } }
      const command: CreditCommand =
        r < 0.15 ? start(id, at, plan)
        : r < 0.7 ? consume(id, at, 1 + Math.floor(random() * 120))
        : r < 0.85 ? purchase(id, at, 1 + Math.floor(random() * 80))
        : upgrade(id, at, plan)
      let events: CreditEvent[]
      try {
        events = decide(command, state)
      } catch (e) {
        refused++
        expect((e as { code: string }).code).toMatch(/^[A-Z_]+$/)
        continue
      }
      expect(events.length).toBeLessThanOrEqual(1)
      for (const event of events) state = evolve(state, event)
      if (events.length === 1) {
        accepted++
        ids.push(id)
      }
      const b = balance(state)
      expect(b.deficit).toBe(0)
    }
    expect(accepted).toBeGreaterThan(200)
    expect(refused).toBeGreaterThan(10)
  })
})
