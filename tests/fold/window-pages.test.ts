/**
 * The idempotency window is kept in pages of at most 256 entries, so that an
 * event copies a page and not the window. The layout must follow from the
 * history alone: evolve, replay and a replay from a snapshot give the same
 * pages, and the pages list exactly the ids of the window, oldest first.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createLedger, evolve, parseState, replay, type AccountState, type CreditEvent } from '../../src/index.js'
import { PagedList } from '../../src/fold/pagedList.js'
import { expectError } from '../support/assertions.js'
import { consumed, started } from '../support/events.js'
import { BASIC } from '../support/plans.js'

const START = Date.parse('2025-01-10T09:00:00Z')
const MINUTE = 60_000
const DAY = 86_400_000

/** A subscription, then `count` consumptions `gapsMs` apart (cycling through the gaps). */
function busyHistory(count: number, gapsMs: number[]): CreditEvent[] {
  const events: CreditEvent[] = [started('s', new Date(START).toISOString(), BASIC)]
  let t = START
  for (let i = 1; i <= count; i++) {
    t += gapsMs[i % gapsMs.length]!
    events.push(consumed(`c${i}`, new Date(t).toISOString(), 1))
  }
  return events
}

/** The ids a 24-hour window holds after `events`, worked out from the events alone. */
function expectedIds(events: CreditEvent[]): string[] {
  const clock = Date.parse(events.at(-1)!.at)
  return events.filter((e) => Date.parse(e.at) + DAY > clock).map((e) => e.id)
}

function pageSizes(state: AccountState): number[] {
  return state.window.map((page) => page.length)
}

describe('the idempotency window in pages', () => {
  // One event a minute: 1,440 ids in the window, so six pages and a pruned front.
  // busyHistory makes plain events; the fold is done in each test, never while
  // vitest collects the file (Stryker would count that as static coverage).
  const events = busyHistory(3_000, [MINUTE])
  const busyState = () => replay(events)

  it('lists exactly the ids of the window, oldest first, in pages of 1 to 256 entries', () => {
    const state = busyState()
    expect(state.window.flat().map((entry) => entry.id)).toEqual(expectedIds(events))
    expect(state.window.length).toBeGreaterThan(5)
    for (const size of pageSizes(state)) {
      expect(size).toBeGreaterThanOrEqual(1)
      expect(size).toBeLessThanOrEqual(256)
    }
    // Only the oldest page has lost entries to the clock; the others are full but the newest.
    expect(pageSizes(state).slice(1, -1).every((size) => size === 256)).toBe(true)
  })

  it('gives the same pages whether folded by evolve, by replay, or from a snapshot', () => {
    const state = busyState()
    let folded = replay(events.slice(0, 1))
    for (const event of events.slice(1)) folded = evolve(folded, event)
    expect(folded).toEqual(state)
    for (const cut of [1, 257, 1_500, 2_999]) {
      const snapshot = parseState(JSON.parse(JSON.stringify(replay(events.slice(0, cut)))))
      expect(replay(events.slice(cut), snapshot)).toEqual(state)
    }
  })

  it('keeps the pages equal over random gaps and window lengths', () => {
    const gaps = fc.array(fc.constantFrom(0, 1_000, MINUTE, 7 * MINUTE, 3_600_000, DAY), { minLength: 1, maxLength: 8 })
    fc.assert(
      fc.property(gaps, fc.integer({ min: 300, max: 900 }), fc.constantFrom(MINUTE, 3_600_000, DAY), (gapsMs, count, windowMs) => {
        const ledger = createLedger({ idempotencyWindowMs: windowMs })
        const history = busyHistory(count, gapsMs)
        const replayed = ledger.replay(history)
        let folded = ledger.replay(history.slice(0, 1))
        for (const event of history.slice(1)) folded = ledger.evolve(folded, event)
        expect(folded).toEqual(replayed)
        const cut = Math.floor(count / 2)
        expect(ledger.replay(history.slice(cut), parseState(JSON.parse(JSON.stringify(ledger.replay(history.slice(0, cut))))))).toEqual(replayed)
        const clock = Date.parse(history.at(-1)!.at)
        const ids = history.filter((e) => Date.parse(e.at) + windowMs > clock).map((e) => e.id)
        expect(replayed.window.flat().map((entry) => entry.id)).toEqual(ids)
        expect(replayed.window.every((page) => page.length >= 1 && page.length <= 256)).toBe(true)
      }),
      { numRuns: 40 },
    )
  })

  it('refuses a duplicate that sits in an older page', () => {
    const state = busyState()
    const old = state.window[1]![10]!
    const error = expectError(() => evolve(state, consumed(old.id, new Date(Date.parse(state.clock!) + MINUTE).toISOString(), 1)), 'DUPLICATE_EVENT')
    expect(error.eventId).toBe(old.id)
  })

  it('parseState refuses an empty page and a page of more than 256 entries, naming the field', () => {
    const state = busyState()
    const json = JSON.parse(JSON.stringify(state)) as { window: unknown[][] }
    const empty = { ...json, window: [...json.window, []] }
    expect(expectError(() => parseState(empty), 'INVALID_STATE').field).toBe(`window.${json.window.length}`)
    const big = { ...json, window: [json.window.flat().slice(0, 257)] }
    expect(expectError(() => parseState(big), 'INVALID_STATE').field).toBe('window.0')
  })

  it('parseState refuses entries out of time order across pages, naming the entry', () => {
    const state = busyState()
    const json = JSON.parse(JSON.stringify(state)) as { window: { at: string }[][] }
    const swapped = json.window.map((page) => page.map((entry) => ({ ...entry })))
    swapped[1]![0]!.at = swapped[2]![0]!.at
    const error = expectError(() => parseState({ ...json, window: swapped }), 'INVALID_STATE')
    expect(error.field).toBe('window.1.1.at')
  })
})

describe('PagedList', () => {
  // A model: the flat list, and the pages cut after every step (as evolve
  // does) against the pages cut once at the end (as replay does).
  const op = fc.oneof(fc.record({ push: fc.integer({ min: 1, max: 40 }) }), fc.record({ shift: fc.integer({ min: 1, max: 40 }) }))

  it('holds the pushed items not yet shifted, in pages of at most pageSize live items, the same layout however often it is cut', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), fc.integer({ min: 1, max: 9 }), (ops, size) => {
        const flat: number[] = []
        let next = 0
        let stepwise: readonly (readonly number[])[] = Object.freeze([])
        const once = new PagedList<number>([], true, size)
        for (const o of ops) {
          const each = new PagedList(stepwise, false, size)
          if ('push' in o) {
            for (let i = 0; i < o.push; i++) {
              flat.push(next)
              each.push(next)
              once.push(next++)
            }
          } else {
            for (let i = 0; i < o.shift && flat.length > 0; i++) {
              flat.shift()
              each.shift()
              once.shift()
            }
          }
          const before = stepwise
          const beforeJson = JSON.stringify(before)
          stepwise = each.freeze()
          expect(JSON.stringify(before)).toBe(beforeJson) // the pages it started from are untouched
          expect(stepwise.flat()).toEqual(flat)
          expect(stepwise.every((page) => page.length >= 1 && page.length <= size && Object.isFrozen(page))).toBe(true)
        }
        expect(once.freeze()).toEqual(stepwise)
      }),
    )
  })
})
