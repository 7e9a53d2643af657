/**
 * The idempotency window of the fold (SPEC §4): the ids applied in the last
 * `windowMs` of the clock, half-open (an id applied at t is forgotten when
 * the clock reaches t + window), with an index by id handed from a state to
 * the state folded from it.
 */
import { describe, expect, it } from 'vitest'
import { PagedWindow, ReplayWindow, windowEntry, type IdempotencyWindow } from '../../src/fold/idempotencyWindow.js'
import { createLedger, evolve, parseState, replay, type AccountState, type CreditEvent, type WindowEntry, type WindowPage } from '../../src/index.js'
import { expectError } from '../support/assertions.js'
import { consumed, started } from '../support/events.js'
import { BASIC } from '../support/plans.js'

const T0 = Date.parse('2025-01-10T09:00:00Z')
const HOUR = 3_600_000
const iso = (ms: number) => new Date(ms).toISOString()

type Pages = readonly WindowPage[]

/** The two keepers of a window, one contract: a draft's (pages of entries) and a replay's (arrays, entries made when read). */
const KEEPERS: [string, (window: Pages, windowMs: number) => IdempotencyWindow][] = [
  ['PagedWindow', (window, windowMs) => new PagedWindow(window, windowMs, true)],
  ['ReplayWindow', (window, windowMs) => new ReplayWindow(window, windowMs)],
]

describe.each(KEEPERS)('%s', (_, make) => {
  /** A window and the pages it last committed. */
  function keep(start: Pages, windowMs = 24 * HOUR) {
    const window = make(start, windowMs)
    let pages = start
    return {
      window,
      ids(): string[] {
        pages = window.commit() ?? pages
        return pages.flat().map((e) => e.id)
      },
      first(): WindowEntry | undefined {
        pages = window.commit() ?? pages
        return pages[0]?.[0]
      },
    }
  }

  /** A fresh window with `count` ids applied one hour apart from T0 (`c1` at T0). */
  function windowOf(count: number, windowMs = 24 * HOUR) {
    const kept = keep([], windowMs)
    let clock = T0
    for (let i = 1; i <= count; i++) {
      clock = T0 + (i - 1) * HOUR
      kept.window.forget(clock)
      kept.window.remember(consumed(`c${i}`, iso(clock), 1), iso(clock), clock)
    }
    return { ...kept, clock }
  }

  it('remembers an id with its canonical instant and its command', () => {
    const { window, first } = windowOf(1)
    expect(window.seenAt('c1')).toBe(T0)
    expect(window.seenAt('c2')).toBeUndefined()
    expect(first()).toEqual({ id: 'c1', at: '2025-01-10T09:00:00.000Z', command: 'CreditsConsumed 1' })
  })

  it('forgets an id exactly when the clock reaches its instant + the window, not a millisecond before', () => {
    const { window, ids } = windowOf(3) // c1 at T0, c2 at T0 + 1 h, c3 at T0 + 2 h
    window.forget(T0 + 24 * HOUR - 1)
    expect(ids()).toEqual(['c1', 'c2', 'c3'])
    window.forget(T0 + 24 * HOUR)
    expect(ids()).toEqual(['c2', 'c3'])
    expect(window.seenAt('c1')).toBeUndefined()
    expect(window.seenAt('c2')).toBe(T0 + HOUR)
    window.forget(T0 + 26 * HOUR)
    expect(ids()).toEqual([])
    expect(window.seenAt('c3')).toBeUndefined()
  })

  it('forgets the ids it started with (read from the state) before those it added', () => {
    const entry = (id: string, at: string): WindowEntry => ({ id, at, command: 'CreditsConsumed 1' })
    const state = [Object.freeze([entry('a', '2025-01-10T09:00:00.000Z'), entry('b', '2025-01-10T10:00:00.000Z')])]
    const { window, ids } = keep(state)
    expect(window.seenAt('b')).toBe(T0 + HOUR)
    window.remember(consumed('c', iso(T0 + 2 * HOUR), 1), iso(T0 + 2 * HOUR), T0 + 2 * HOUR)
    window.forget(T0 + 25 * HOUR) // a and b are gone, c stays
    expect(ids()).toEqual(['c'])
    expect(window.seenAt('a')).toBeUndefined()
    expect(window.seenAt('c')).toBe(T0 + 2 * HOUR)
    window.forget(T0 + 26 * HOUR)
    expect(ids()).toEqual([])
    expect(state[0]!.map((e) => e.id)).toEqual(['a', 'b'])
  })

  it('keeps forgetting the right ids through thousands of ids', () => {
    const { window, ids, clock } = windowOf(5_000, 24 * HOUR)
    // The clock is at c5000's instant: c4977 … c5000 are the last 24 hours.
    expect(ids()).toEqual(Array.from({ length: 24 }, (_, k) => `c${4977 + k}`))
    window.forget(clock + 12 * HOUR)
    expect(ids()).toEqual(Array.from({ length: 12 }, (_, k) => `c${4989 + k}`))
    expect(window.seenAt('c4989')).toBe(T0 + 4988 * HOUR)
    expect(window.seenAt('c4988')).toBeUndefined()
  })

  it('knows the instant of every id still in the window while its arrays are cut (an id remembered before a cut, read after it)', () => {
    const kept = keep([])
    const wrong: string[] = []
    for (let i = 1; i <= 3_000; i++) {
      const clock = T0 + (i - 1) * HOUR
      kept.window.forget(clock)
      kept.window.remember(consumed(`c${i}`, iso(clock), 1), iso(clock), clock)
      // c(i−23), 23 hours ago, is the oldest id left; c(i−24) is gone.
      if (i > 24 && kept.window.seenAt(`c${i - 23}`) !== clock - 23 * HOUR) wrong.push(`c${i - 23}`)
      if (i > 24 && kept.window.seenAt(`c${i - 24}`) !== undefined) wrong.push(`c${i - 24} (gone)`)
    }
    expect(wrong).toEqual([])
  })

  it('seals frozen pages of entries', () => {
    const { window } = windowOf(300)
    const pages = window.seal()
    expect(Object.isFrozen(pages)).toBe(true)
    expect(pages.every((page) => Object.isFrozen(page) && page.every((entry) => Object.isFrozen(entry)))).toBe(true)
    expect(pages.flat().map((e) => e.id)).toEqual(Array.from({ length: 24 }, (_, k) => `c${277 + k}`))
  })

  it('commits its pages when an id came or went, and nothing otherwise; seals the pages it holds', () => {
    const entry: WindowEntry = { id: 'a', at: iso(T0), command: 'CreditsConsumed 1' }
    const state: Pages = [Object.freeze([entry])]
    const window = make(state, HOUR)
    expect(window.commit()).toBeNull()
    window.forget(T0 + HOUR - 1)
    expect(window.commit()).toBeNull()
    expect(window.seal()).toEqual(state)
    window.remember(consumed('b', iso(T0 + 1), 1), iso(T0 + 1), T0 + 1)
    expect(window.commit()!.flat().map((e) => e.id)).toEqual(['a', 'b'])
    expect(window.commit()).toBeNull()
    window.forget(T0 + HOUR)
    expect(window.commit()!.flat().map((e) => e.id)).toEqual(['b'])
    expect(window.seal().flat().map((e) => e.id)).toEqual(['b'])
  })
})

describe('the window index across states', () => {
  const events = (): CreditEvent[] => [
    started('s', '2025-01-10T09:00:00Z', BASIC),
    consumed('c1', '2025-01-10T10:00:00Z', 1),
    consumed('c2', '2025-01-10T11:00:00Z', 1),
  ]

  it('reads an entry of a state’s window without taking its index', () => {
    const state = replay(events())
    expect(windowEntry(state.window, 'c1')).toEqual({ id: 'c1', at: '2025-01-10T10:00:00.000Z', command: 'CreditsConsumed 1' })
    expect(windowEntry(state.window, 'c1')).toBe(state.window.flat()[1])
    expect(windowEntry(state.window, 'nope')).toBeUndefined()
  })

  it('reads an entry of a window that has no index yet (a state read back from JSON)', () => {
    const state = parseState(JSON.parse(JSON.stringify(replay(events()))))
    expect(windowEntry(state.window, 'c2')).toEqual({ id: 'c2', at: '2025-01-10T11:00:00.000Z', command: 'CreditsConsumed 1' })
    expect(windowEntry(state.window, 'c3')).toBeUndefined()
    expectError(() => evolve(state, consumed('c2', '2025-01-10T12:00:00Z', 1)), 'DUPLICATE_EVENT')
  })

  it('a chain of evolve calls refuses every id of the window, and so does each earlier state', () => {
    let state: AccountState = replay(events().slice(0, 1))
    const states: AccountState[] = [state]
    for (const event of events().slice(1)) {
      state = evolve(state, event)
      states.push(state)
    }
    expectError(() => evolve(state, consumed('c1', '2025-01-10T12:00:00Z', 1)), 'DUPLICATE_EVENT')
    expectError(() => evolve(state, consumed('s', '2025-01-10T12:00:00Z', 1)), 'DUPLICATE_EVENT')
    // An earlier state (whose index moved on to the next state) still refuses what its own window holds, and only that.
    expectError(() => evolve(states[1]!, consumed('c1', '2025-01-10T12:00:00Z', 1)), 'DUPLICATE_EVENT')
    expect(evolve(states[1]!, consumed('c2', '2025-01-10T12:00:00Z', 1)).totals.consumed).toBe(2)
    expect(evolve(states[0]!, consumed('c1', '2025-01-10T12:00:00Z', 1)).totals.consumed).toBe(1)
  })

  it('a refused event leaves the index of its state in place', () => {
    const state = replay(events())
    expectError(() => evolve(state, consumed('c2', '2025-01-10T12:00:00Z', 1)), 'DUPLICATE_EVENT')
    expectError(() => evolve(state, consumed('c1', '2025-01-10T12:00:00Z', 1)), 'DUPLICATE_EVENT')
    expect(evolve(state, consumed('c3', '2025-01-10T12:00:00Z', 1)).window.flat().map((e) => e.id)).toEqual(['s', 'c1', 'c2', 'c3'])
  })

  it('with a shorter window, evolve forgets at the ledger’s window', () => {
    const ledger = createLedger({ idempotencyWindowMs: HOUR })
    const state = ledger.replay(events())
    expect(state.window.flat().map((e) => e.id)).toEqual(['c2'])
    expect(ledger.evolve(state, consumed('c1', '2025-01-10T11:30:00Z', 1)).totals.consumed).toBe(3)
    expectError(() => ledger.evolve(state, consumed('c2', '2025-01-10T11:59:59.999Z', 1)), 'DUPLICATE_EVENT')
    expect(ledger.evolve(state, consumed('c2', '2025-01-10T12:00:00Z', 1)).totals.consumed).toBe(3)
  })
})
