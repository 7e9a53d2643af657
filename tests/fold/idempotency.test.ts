/** SPEC §4: the idempotency window (24 h of the account's clock, half-open). */
import { describe, expect, it } from 'vitest'
import { advanceTo, evolve, parseState, replay, type AccountState, type CreditEvent } from '../../src/index.js'
import { expectError } from '../support/assertions.js'
import { consumed, started } from '../support/events.js'
import { BASIC } from '../support/plans.js'

const T = '2025-01-10T09:00:00Z'
const history = [started('s', '2025-01-10T08:00:00Z', BASIC), consumed('c1', T, 1)]
const roundTrip = (state: AccountState) => parseState(JSON.parse(JSON.stringify(state)))

describe('the idempotency window', () => {
  it('refuses an id applied within the last 24 h of the clock, also after a JSON round trip', () => {
    const state = replay([...history, consumed('c2', '2025-01-11T08:00:00Z', 1)])
    for (const s of [state, roundTrip(state)]) {
      const error = expectError(() => evolve(s, consumed('c1', '2025-01-11T08:59:59.999Z', 5)), 'DUPLICATE_EVENT')
      expect(error.eventId).toBe('c1')
      expect(error.message).toContain('"c1"')
      expect(error.field).toBe('id')
    }
  })

  it('forgets an id once the clock reaches t + 24 h (half-open)', () => {
    const state = replay(history)
    for (const s of [state, roundTrip(state)]) {
      const reused = evolve(s, consumed('c1', '2025-01-11T09:00:00Z', 5))
      expect(reused.totals.consumed).toBe(6)
      expect(reused.window.flat().filter((w) => w.id === 'c1')).toHaveLength(1)
    }
    // also when the clock got there first by advanceTo
    const advanced = advanceTo(state, '2025-01-11T09:00:00Z')
    expect(advanced.window.flat().map((w) => w.id)).toEqual([])
    expect(evolve(advanced, consumed('c1', '2025-01-11T09:00:00Z', 5)).totals.consumed).toBe(6)
  })

  it('accepts a reused id whose own at is at or past t + 24 h: the clock is advanced first', () => {
    const state = replay(history) // clock = T = c1's time
    const reused = consumed('c1', '2025-01-11T09:00:00Z', 5)
    expect(evolve(state, reused).totals.consumed).toBe(6)
    expect(replay([...history, reused]).totals.consumed).toBe(6)
    expectError(() => evolve(state, consumed('c1', '2025-01-11T08:59:59.999Z', 5)), 'DUPLICATE_EVENT')
  })

  it('an exact redelivery is always refused: DUPLICATE within the window, OUT_OF_ORDER after', () => {
    const redelivery = history[1]!
    let state = replay(history)
    expectError(() => evolve(state, redelivery), 'DUPLICATE_EVENT')
    state = advanceTo(state, '2025-01-11T08:59:59.999Z')
    expectError(() => evolve(state, redelivery), 'DUPLICATE_EVENT')
    state = advanceTo(state, '2025-01-11T09:00:00Z')
    expectError(() => evolve(state, redelivery), 'OUT_OF_ORDER')
    expectError(() => evolve(roundTrip(state), redelivery), 'OUT_OF_ORDER')
    expectError(() => replay([...history, redelivery]), 'DUPLICATE_EVENT')
  })

  it('holds only the last day of ids: memory is bounded', () => {
    const events: CreditEvent[] = [started('s', '2025-01-01T00:00:00Z', BASIC)]
    for (let i = 1; i <= 200; i++) {
      events.push(consumed(`c${i}`, new Date(Date.parse('2025-01-01T00:00:00Z') + i * 3_600_000).toISOString(), 1))
    }
    const state = replay(events)
    // clock = +200 h; ids at +177 h … +200 h are within (clock − 24 h, clock]
    expect(state.window.flat().map((w) => w.id)).toEqual(Array.from({ length: 24 }, (_, k) => `c${177 + k}`))
    expect(state.window.flat()[0]!.at).toBe('2025-01-08T09:00:00.000Z')
    // evolve holds the same window as replay
    let folded = replay([])
    for (const e of events) folded = evolve(folded, e)
    expect(folded.window).toEqual(state.window)
  })

  it('records each id with its canonical time', () => {
    const state = replay([started('s', '2025-01-10T14:30:00+05:30', BASIC)])
    expect(state.window.flat()).toHaveLength(1)
    expect(state.window.flat()[0]).toMatchObject({ id: 's', at: '2025-01-10T09:00:00.000Z' })
  })
})

describe('states are values: branching from one state', () => {
  it('two events applied to the same state do not see each other', () => {
    const s = replay(history)
    const x = consumed('x', '2025-01-10T10:00:00Z', 10)
    const y = consumed('y', '2025-01-10T10:00:00Z', 20)
    const s1 = evolve(s, x)
    const s2 = evolve(s, y)
    expect(s1.window.flat().map((w) => w.id)).toEqual(['s', 'c1', 'x'])
    expect(s2.window.flat().map((w) => w.id)).toEqual(['s', 'c1', 'y'])
    // y is not in s1's window, x is not in s2's; each refuses its own id again
    expect(evolve(s1, y).totals.consumed).toBe(31)
    expect(evolve(s2, x).totals.consumed).toBe(31)
    expectError(() => evolve(s1, consumed('x', '2025-01-10T11:00:00Z', 1)), 'DUPLICATE_EVENT')
    expectError(() => evolve(s2, consumed('y', '2025-01-10T11:00:00Z', 1)), 'DUPLICATE_EVENT')
    // and s itself still accepts both
    expect(evolve(s, y).totals.consumed).toBe(21)
    expect(evolve(evolve(s, x), y)).toEqual(evolve(s1, y))
  })

  it('buckets are not shared mutably between branches (evolve, replay, advanceTo)', () => {
    const s = replay(history)
    const a = evolve(s, consumed('a', '2025-01-10T10:00:00Z', 10))
    const b = replay([consumed('b', '2025-01-10T10:00:00Z', 20)], s)
    const c = advanceTo(s, '2025-02-10T07:59:59.999Z') // 1 ms before the renewal
    expect(s.buckets[0]!.remaining).toBe(99)
    expect(a.buckets[0]!.remaining).toBe(89)
    expect(b.buckets[0]!.remaining).toBe(79)
    expect(c.buckets[0]!.remaining).toBe(99)
    expect(evolve(a, consumed('a2', '2025-01-10T10:00:01Z', 1)).buckets[0]!.remaining).toBe(88)
    expect(s.buckets[0]!.remaining).toBe(99)
    expect(b.buckets[0]!.remaining).toBe(79)
  })

  it('a window forgotten in one branch is still remembered in another', () => {
    const s = replay(history)
    const later = advanceTo(s, '2025-01-11T09:00:00Z') // forgets s and c1
    expect(evolve(later, consumed('c1', '2025-01-11T09:00:00Z', 1)).totals.consumed).toBe(2)
    expectError(() => evolve(s, consumed('c1', '2025-01-10T10:00:00Z', 1)), 'DUPLICATE_EVENT')
    expectError(() => replay([consumed('c1', '2025-01-10T10:00:00Z', 1)], s), 'DUPLICATE_EVENT')
  })
})
