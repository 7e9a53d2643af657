/** SPEC §5: frozen outputs, untouched inputs, no undefined anywhere. */
import { describe, expect, it } from 'vitest'
import { advanceTo, balance, evolve, initialState, parseEvent, parseState, replay, replayAll, type AccountState, type CreditEvent } from '../../src/index.js'
import { frozenPaths, undefinedPaths, unfrozenPaths } from '../support/assertions.js'
import { consumed, purchased, started, upgraded, wire } from '../support/events.js'
import { BASIC, PRO, usd } from '../support/plans.js'

const history = (): CreditEvent[] => [
  started('s', '2025-01-10T09:00:00Z', { ...BASIC, price: usd(290000, 4) }),
  consumed('c1', '2025-01-11T00:00:00Z', 30, { meta: { requestId: 'r1' } }),
  purchased('p', '2025-01-12T00:00:00Z', 10, usd(12500, 4)),
  upgraded('u', '2025-01-20T00:00:00Z', PRO),
  consumed('c2', '2025-03-01T00:00:00Z', 1000),
]

function outputs(events: CreditEvent[]): [string, AccountState][] {
  const replayed = replay(events)
  let folded: AccountState = initialState
  for (const e of events) folded = evolve(folded, e)
  return [
    ['initialState', initialState],
    ['replay', replayed],
    ['evolve', folded],
    ['advanceTo', advanceTo(replayed, '2026-01-01T00:00:00Z')],
    ['parseState', parseState(JSON.parse(JSON.stringify(replayed)))],
    ['replayAll', replayAll(events.map(wire)).get('acc-1')!],
  ]
}

// The names of outputs(), as plain data: the table of it.each is built while
// vitest collects the file, so it must not fold (Stryker would count that as
// static coverage); each test folds when it runs.
const OUTPUTS = ['initialState', 'replay', 'evolve', 'advanceTo', 'parseState', 'replayAll']
const output = (name: string): AccountState => {
  const all = outputs(history())
  // OUTPUTS must name every output of outputs(), in order.
  expect(all.map(([n]) => n)).toEqual(OUTPUTS)
  return all.find(([n]) => n === name)![1]
}

describe('outputs', () => {
  it.each(OUTPUTS)('%s is deeply frozen', (name) => {
    const state = output(name)
    expect(unfrozenPaths(state)).toEqual([])
  })

  it.each(OUTPUTS)('%s has no key holding undefined', (name) => {
    const state = output(name)
    expect(undefinedPaths(state)).toEqual([])
    expect(undefinedPaths(balance(state))).toEqual([])
  })

  it('parseEvent output has no key holding undefined', () => {
    const event = parseEvent(wire(consumed('c', '2025-01-01T00:00:00Z', 1)))
    expect(undefinedPaths(event)).toEqual([])
  })

  it('parseEvent output has no key holding undefined even when the input spells optional keys as undefined', () => {
    const input: Record<string, unknown> = { ...wire(consumed('c', '2025-01-01T00:00:00Z', 1)), meta: undefined }
    ;(input.data as Record<string, unknown>).reason = undefined
    const purchase = wire(purchased('p', '2025-01-01T00:00:00Z', 1))
    ;(purchase.data as { unitPrice: Record<string, unknown> }).unitPrice.scale = undefined
    expect(undefinedPaths(parseEvent(input))).toEqual([])
    expect(undefinedPaths(parseEvent(purchase))).toEqual([])
  })

  it('initialState is the empty account', () => {
    expect(initialState).toEqual({
      version: 1,
      accountId: null,
      clock: null,
      subscription: null,
      buckets: [],
      deficit: 0,
      totals: { granted: 0, consumed: 0, expired: 0, charged: null, reversed: 0, voided: 0, refunded: 0, refundedMoney: null },
      nextBucket: 1,
      window: [],
      consumptions: [],
    })
    expect(Object.isFrozen(initialState)).toBe(true)
  })

  it('states are JSON-serializable and carry version 1', () => {
    for (const [, state] of outputs(history())) {
      expect(JSON.parse(JSON.stringify(state))).toEqual(state)
      expect(state.version).toBe(1)
    }
  })
})

describe('inputs are never mutated or frozen', () => {
  it('events given to evolve, replay and replayAll', () => {
    const events = history()
    const copy = JSON.parse(JSON.stringify(events))
    let state: AccountState = initialState
    for (const e of events) state = evolve(state, e)
    replay(events)
    replayAll(events)
    replayAll(events, { trusted: true })
    expect(events).toEqual(copy)
    expect(frozenPaths(events)).toEqual([])
  })

  it('input passed to parseEvent and parseState', () => {
    const input = wire(consumed('c', '2025-01-01T00:00:00Z', 1, { meta: { a: { b: 1 } } }))
    parseEvent(input)
    expect(frozenPaths(input)).toEqual([])
    const snapshot = JSON.parse(JSON.stringify(replay(history())))
    const copy = JSON.parse(JSON.stringify(snapshot))
    parseState(snapshot)
    expect(snapshot).toEqual(copy)
    expect(frozenPaths(snapshot)).toEqual([])
  })

  it('the state given to evolve, replay and advanceTo is unchanged', () => {
    const state = replay(history().slice(0, 3))
    const before = JSON.stringify(state)
    evolve(state, upgraded('u', '2025-01-20T00:00:00Z', PRO))
    replay(history().slice(3), state)
    advanceTo(state, '2027-01-01T00:00:00Z')
    replayAll([], { from: new Map([['acc-1', state]]) })
    expect(JSON.stringify(state)).toBe(before)
  })

  it('the from map of replayAll is not changed', () => {
    const from = new Map([['acc-1', replay(history().slice(0, 2))]])
    const first = from.get('acc-1')
    replayAll(history().slice(2).map(wire), { from })
    expect(from.size).toBe(1)
    expect(from.get('acc-1')).toBe(first)
  })

  it('a state does not share mutable objects with the events it was built from', () => {
    const events = history()
    const state = replay(events)
    ;(events[3] as { data: { plan: { monthlyCredits: number } } }).data.plan.monthlyCredits = 1
    expect(state.subscription!.plan.monthlyCredits).toBe(500)
  })
})
