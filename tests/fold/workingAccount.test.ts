/**
 * The working account under the rules, seen through the public functions:
 * safe-integer totals and money (`AMOUNT_OVERFLOW` naming the event, field
 * and value, nothing half-applied), copy on write of what an event changes
 * (the state it started from is untouched, what it did not change is
 * shared), and the what-if folds of `decide`, which leave the window alone.
 */
import { describe, expect, it } from 'vitest'
import { advanceTo, decide, evolve, replay, report, type AccountState, type CreditEvent } from '../../src/index.js'
import { expectError, unfrozenPaths } from '../support/assertions.js'
import { consumed, purchased, reversed, started, upgraded } from '../support/events.js'
import { BASIC, PRO, eur, usd } from '../support/plans.js'

const MAX = Number.MAX_SAFE_INTEGER
const snapshot = (state: AccountState) => JSON.parse(JSON.stringify(state)) as unknown

describe('totals stay safe integers', () => {
  it('a consumption that would take consumed past the safe range is refused, naming the event, field and amount', () => {
    const state = replay([consumed('c1', '2025-01-01T00:00:00Z', 10)])
    const before = snapshot(state)
    const error = expectError(() => evolve(state, consumed('c2', '2025-01-02T00:00:00Z', MAX)), 'AMOUNT_OVERFLOW')
    expect(error.message).toBe(`event "c2": consumed credits would leave the safe integer range (data.amount = ${MAX})`)
    expect(error).toMatchObject({ eventId: 'c2', field: 'data.amount', value: MAX })
    expect(snapshot(state)).toEqual(before)
    // Up to the edge is fine.
    expect(evolve(state, consumed('c2', '2025-01-02T00:00:00Z', MAX - 10)).totals.consumed).toBe(MAX)
  })

  it('a grant that would take granted past the safe range is refused, naming the quantity', () => {
    const state = replay([purchased('p1', '2025-01-01T00:00:00Z', 1, usd(0))])
    const error = expectError(() => evolve(state, purchased('p2', '2025-01-02T00:00:00Z', MAX, usd(0))), 'AMOUNT_OVERFLOW')
    expect(error.message).toBe(`event "p2": granted credits would leave the safe integer range (data.quantity = ${MAX})`)
    expect(evolve(state, purchased('p2', '2025-01-02T00:00:00Z', MAX - 1, usd(0))).totals.granted).toBe(MAX)
  })

  it('a plan whose credits overflow granted names data.plan.monthlyCredits', () => {
    const state = replay([purchased('p', '2025-01-01T00:00:00Z', 5, usd(0))])
    const error = expectError(
      () => evolve(state, started('s', '2025-01-02T00:00:00Z', { id: 'huge', monthlyCredits: MAX, price: usd(0) })),
      'AMOUNT_OVERFLOW',
    )
    expect(error).toMatchObject({ eventId: 's', field: 'data.plan.monthlyCredits', value: MAX })
  })
  it('a renewal whose credits would overflow granted names the plan’s monthly credits', () => {
    const big = Math.floor(MAX / 2) + 1
    const state = replay([started('s', '2025-01-10T09:00:00Z', { id: 'big', monthlyCredits: big, price: usd(0) })])
    const error = expectError(() => advanceTo(state, '2025-02-10T09:00:00Z'), 'AMOUNT_OVERFLOW')
    expect(error).toMatchObject({ eventId: null, field: 'data.plan.monthlyCredits', value: big })
    expect(error.message).toBe(`time-driven renewal: granted credits would leave the safe integer range (data.plan.monthlyCredits = ${big})`)
  })

  it('an upgrade whose credits would overflow granted names the plan’s monthly credits', () => {
    const big = Math.floor(MAX / 2) + 1
    const state = replay([started('s', '2025-01-10T09:00:00Z', { id: 'big', monthlyCredits: big, price: usd(0) })])
    const error = expectError(() => evolve(state, upgraded('u', '2025-01-11T00:00:00Z', { id: 'bigger', monthlyCredits: big, price: usd(0) })), 'AMOUNT_OVERFLOW')
    expect(error).toMatchObject({ eventId: 'u', field: 'data.plan.monthlyCredits', value: big })
  })

})

describe('money stays a safe integer', () => {
  it('a unit price × quantity beyond the safe range is refused, naming the quantity', () => {
    const error = expectError(() => replay([purchased('p', '2025-01-01T00:00:00Z', 2 ** 40, usd(2 ** 20))]), 'AMOUNT_OVERFLOW')
    expect(error.message).toBe(`event "p": unitPrice × quantity would leave the safe integer range (data.quantity = ${2 ** 40})`)
    expect(error).toMatchObject({ eventId: 'p', field: 'data.quantity', value: 2 ** 40 })
  })

  it('a price whose canonical form leaves the safe range is refused, naming the amount', () => {
    // Scale 0: in canonical form (cents) the amount is 100 times larger.
    const price = { amount: MAX, currency: 'USD', scale: 0 }
    const start = expectError(() => replay([started('s', '2025-01-01T00:00:00Z', { id: 'x', monthlyCredits: 1, price })]), 'AMOUNT_OVERFLOW')
    expect(start.message).toBe(`event "s": the price in canonical form would leave the safe integer range (data.plan.price.amount = ${MAX})`)
    expect(start).toMatchObject({ field: 'data.plan.price.amount', value: MAX })
    const buy = expectError(() => replay([purchased('p', '2025-01-01T00:00:00Z', 1, price)]), 'AMOUNT_OVERFLOW')
    expect(buy).toMatchObject({ eventId: 'p', field: 'data.quantity', value: MAX })
    expect(buy.message).toContain('the price in canonical form')
  })

  it('money charged in total beyond the safe range is refused, at the event that would take it there', () => {
    const half = usd(Math.floor(MAX / 2) + 1)
    const state = replay([started('s', '2025-01-10T09:00:00Z', { id: 'dear', monthlyCredits: 1, price: half })])
    const error = expectError(() => evolve(state, purchased('p', '2025-01-11T00:00:00Z', 1, half)), 'AMOUNT_OVERFLOW')
    expect(error.message).toBe(`event "p": money charged would leave the safe integer range (data.quantity = ${half.amount})`)
    const up = expectError(() => evolve(state, upgraded('u', '2025-01-11T00:00:00Z', { id: 'dearer', monthlyCredits: 2, price: half })), 'AMOUNT_OVERFLOW')
    expect(up).toMatchObject({ eventId: 'u', field: 'data.plan.price.amount', value: half.amount })
  })

  it('a renewal that would overflow the money charged is refused as a time-driven renewal, and nothing moves', () => {
    const half = usd(Math.floor(MAX / 2) + 1)
    const state = replay([started('s', '2025-01-10T09:00:00Z', { id: 'dear', monthlyCredits: 1, price: half })])
    const error = expectError(() => advanceTo(state, '2025-02-10T09:00:00Z'), 'AMOUNT_OVERFLOW')
    expect(error.message).toBe(`time-driven renewal: money charged would leave the safe integer range (data.plan.price.amount = ${half.amount})`)
    expect(error).toMatchObject({ eventId: null, field: 'data.plan.price.amount', value: half.amount })
    expect(advanceTo(state, '2025-02-10T08:59:59.999Z').subscription!.period).toBe(1)
  })

  it('sums money at the larger scale and writes it canonical', () => {
    const state = replay([
      started('s', '2025-01-10T09:00:00Z', { ...BASIC, price: usd(290000, 4) }),
      purchased('p', '2025-01-11T00:00:00Z', 3, usd(12345, 4)),
    ])
    expect(state.totals.charged).toEqual(usd(2900 * 100 + 3 * 12345, 4))
    expect(state.buckets[1]!.unitPrice).toEqual(usd(12345, 4))
    expect(replay([started('s', '2025-01-10T09:00:00Z', { ...BASIC, price: usd(290000, 4) })]).totals.charged).toEqual(usd(2900))
  })
  it('a start whose price takes the money charged past the safe range names the plan’s price', () => {
    const half = usd(Math.floor(MAX / 2) + 1)
    const state = replay([purchased('p', '2025-01-01T00:00:00Z', 1, half)])
    const error = expectError(() => evolve(state, started('s', '2025-01-02T00:00:00Z', { id: 'dear', monthlyCredits: 1, price: half })), 'AMOUNT_OVERFLOW')
    expect(error).toMatchObject({ eventId: 's', field: 'data.plan.price.amount', value: half.amount })
  })

  it('a purchase of several credits that takes the money charged past the safe range names the quantity', () => {
    const state = replay([purchased('p1', '2025-01-01T00:00:00Z', 1, usd(MAX - 100))])
    const error = expectError(() => evolve(state, purchased('p2', '2025-01-02T00:00:00Z', 2, usd(60))), 'AMOUNT_OVERFLOW')
    expect(error.message).toBe('event "p2": money charged would leave the safe integer range (data.quantity = 2)')
    expect(error).toMatchObject({ field: 'data.quantity', value: 2 })
    expect(evolve(state, purchased('p2', '2025-01-02T00:00:00Z', 2, usd(50))).totals.charged).toEqual(usd(MAX))
  })

  it('the first charge of a history fixes its currency for the rest of the same replay', () => {
    const error = expectError(
      () => replay([started('s', '2025-01-10T09:00:00Z', BASIC), purchased('p', '2025-01-11T00:00:00Z', 1, eur(100))]),
      'CURRENCY_MISMATCH',
    )
    expect(error).toMatchObject({ eventId: 'p', value: 'EUR' })
  })

})

describe('copy on write', () => {
  const history = (): CreditEvent[] => [
    started('s', '2025-01-10T09:00:00Z', BASIC),
    purchased('p', '2025-01-11T00:00:00Z', 10),
    consumed('c', '2025-01-12T00:00:00Z', 30),
  ]

  it('evolve leaves the state it was given as it was, and returns a frozen state', () => {
    const state = replay(history())
    const before = snapshot(state)
    const next = evolve(state, upgraded('u', '2025-01-13T00:00:00Z', PRO))
    const renewed = advanceTo(next, '2025-03-01T00:00:00Z')
    expect(snapshot(state)).toEqual(before)
    expect(unfrozenPaths(next)).toEqual([])
    expect(unfrozenPaths(renewed)).toEqual([])
    expect(renewed.subscription!.period).toBe(2)
    expect(next.subscription!.period).toBe(1)
    expect(next.totals.granted).toBe(610)
    expect(state.totals.granted).toBe(110)
  })

  it('a consumption shares the buckets it did not touch, the subscription and the charged money', () => {
    const state = replay(history())
    const next = evolve(state, consumed('c2', '2025-01-12T01:00:00Z', 5))
    expect(next.buckets[0]!.remaining).toBe(65)
    expect(next.buckets[1]).toBe(state.buckets[1])
    expect(next.subscription).toBe(state.subscription)
    expect(next.totals.charged).toBe(state.totals.charged)
  })

  it('an event that moves no bucket keeps the bucket list itself', () => {
    const owing = replay([consumed('c1', '2025-01-01T00:00:00Z', 5)])
    const next = evolve(owing, consumed('c2', '2025-01-02T00:00:00Z', 5))
    expect(next.buckets).toBe(owing.buckets)
    expect(next.deficit).toBe(10)
  })

  it('a renewal writes a new subscription and leaves the old one as it was', () => {
    const state = replay(history())
    const renewed = advanceTo(state, '2025-02-10T09:00:00Z')
    expect(renewed.subscription).toMatchObject({ period: 2, anchor: '2025-01-10T09:00:00.000Z', periodStart: '2025-02-10T09:00:00.000Z' })
    expect(state.subscription).toMatchObject({ period: 1, periodStart: '2025-01-10T09:00:00.000Z', periodEnd: '2025-02-10T09:00:00.000Z' })
    expect(renewed.subscription!.plan).toBe(state.subscription!.plan)
  })

  it('replay from a state continues it without changing it', () => {
    const state = replay(history())
    const before = snapshot(state)
    const later = replay([consumed('c2', '2025-01-13T00:00:00Z', 75), purchased('p2', '2025-01-14T00:00:00Z', 1)], state)
    expect(later.buckets.map((b) => `${b.id}:${b.remaining}`)).toEqual(['b2:5', 'b3:1'])
    expect(snapshot(state)).toEqual(before)
    expect(unfrozenPaths(later)).toEqual([])
  })
})

describe('reading the account mid-fold (report)', () => {
  it('sees the buckets as of each period end, and counts a repayment under the source of its grant', () => {
    const events = [
      consumed('c1', '2025-01-05T00:00:00Z', 50), // a deficit of 50
      purchased('p', '2025-01-10T00:00:00Z', 80), // repays 50, b1 holds 30
      consumed('c2', '2025-02-10T00:00:00Z', 10), // b1: 20
    ]
    const { rows } = report(events, { period: 'month' })
    expect(rows.map((r) => [r.periodStart, r.opening, r.closing, r.granted, r.consumed.deficit, r.consumed.extra, r.extraLiability])).toEqual([
      ['2025-01-01T00:00:00.000Z', 0, 30, { subscription: 0, rollover: 0, extra: 80, promotional: 0 }, 50, 0, usd(3750)],
      ['2025-02-01T00:00:00.000Z', 30, 20, { subscription: 0, rollover: 0, extra: 0, promotional: 0 }, 0, 10, usd(2500)],
    ])
  })
})

describe('decide’s what-if folds', () => {
  it('leave the state and its window as they were: the ids stay duplicates for evolve', () => {
    const state = replay([started('s', '2025-01-10T09:00:00Z', BASIC), consumed('c1', '2025-01-10T10:00:00Z', 1)])
    const before = snapshot(state)
    for (let i = 0; i < 2; i++) {
      const events = decide({ type: 'ConsumeCredits', id: `n${i}`, accountId: 'acc-1', at: '2025-03-01T00:00:00Z', data: { amount: 1 } }, state)
      expect(events).toHaveLength(1)
    }
    expect(snapshot(state)).toEqual(before)
    expectError(() => evolve(state, consumed('c1', '2025-01-10T11:00:00Z', 1)), 'DUPLICATE_EVENT')
    expectError(() => evolve(state, consumed('s', '2025-01-10T11:00:00Z', 1)), 'DUPLICATE_EVENT')
  })
})

describe('the plan a subscription keeps', () => {
  it('copies the rollover policy key by key: a key the plan does not have is not there, not even as undefined', () => {
    const plan = { ...BASIC, rollover: { maxPercent: 50 } }
    const other = { ...PRO, rollover: { maxCredits: 300 } }
    const events: CreditEvent[] = [started('s', '2025-01-01T00:00:00Z', plan), upgraded('u', '2025-01-02T00:00:00Z', other)]
    const replayed = replay(events.slice(0, 1))
    expect(Object.keys(replayed.subscription!.plan.rollover!)).toEqual(['maxPercent'])
    expect(Object.keys(evolve(replayed, events[1]!).subscription!.plan.rollover!)).toEqual(['maxCredits'])
  })
})

describe('what the working account checks and writes itself', () => {
  it('refuses an at that parses to no instant (30 February) as INVALID_EVENT naming the field, in replay and evolve', () => {
    const state = replay([started('s', '2025-01-01T00:00:00Z', BASIC)])
    const late = consumed('c', '2025-02-30T00:00:00Z', 1)
    const error = expectError(() => evolve(state, late), 'INVALID_EVENT')
    expect(error.field).toBe('at')
    expect(error.eventId).toBe('c')
    expect(error.message).toBe('event "c": at must be an ISO-8601 timestamp with an offset of a real date (got "2025-02-30T00:00:00Z")')
    expect(expectError(() => replay([started('s', '2025-01-01T00:00:00Z', BASIC), late]), 'INVALID_EVENT').field).toBe('at')
  })

  it('names the event in the message of a refused correction', () => {
    const state = replay([started('s', '2025-01-01T00:00:00Z', BASIC), consumed('c', '2025-01-02T00:00:00Z', 5)])
    const error = expectError(() => evolve(state, reversed('r', '2025-01-03T00:00:00Z', 'c', 6)), 'REVERSAL_EXCEEDS_CONSUMPTION')
    expect(error.message).toMatch(/^event "r": /)
  })

  it('leaves the window of a state as it is when the clock moves and no id leaves it', () => {
    const state = replay([started('s', '2025-01-01T00:00:00Z', BASIC), consumed('c', '2025-01-01T01:00:00Z', 5)])
    const later = advanceTo(state, '2025-01-01T02:00:00Z')
    expect(later.window).toBe(state.window)
    expect(later.consumptions).toBe(state.consumptions)
    expect(later.clock).toBe('2025-01-01T02:00:00.000Z')
  })
})
