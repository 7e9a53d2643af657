/** SPEC §5: parseState reads back a JSON snapshot and refuses broken invariants. */
import { describe, expect, it } from 'vitest'
import { initialState, parseState, replay } from '../../src/index.js'
import { expectError } from '../support/assertions.js'
import { consumed, purchased, started, upgraded } from '../support/events.js'
import { BASIC, PRO } from '../support/plans.js'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

// Folded when a test asks for it, never while vitest collects the file
// (Stryker would count that as static coverage).
const snapshotState = () =>
  replay([
    started('s', '2025-01-10T09:00:00Z', BASIC),
    consumed('c', '2025-01-11T00:00:00Z', 30),
    purchased('p', '2025-01-12T00:00:00Z', 10),
    upgraded('u', '2025-01-13T00:00:00Z', PRO),
  ])
const snapshot = (): Json => JSON.parse(JSON.stringify(snapshotState()))

function expectInvalidState(mutate: (s: Json) => void) {
  const s = snapshot()
  mutate(s)
  return expectError(() => parseState(s), 'INVALID_STATE')
}

describe('parseState', () => {
  it('round-trips a state (and the initial state)', () => {
    const state = snapshotState()
    expect(state.buckets.map((b) => b.source)).toEqual(['rollover', 'subscription', 'extra'])
    expect(parseState(snapshot())).toEqual(state)
    expect(parseState(JSON.parse(JSON.stringify(initialState)))).toEqual(initialState)
  })

  it('refuses unsorted buckets', () => {
    expectInvalidState((s) => s.buckets.reverse())
    expectInvalidState((s) => ([s.buckets[0], s.buckets[1]] = [s.buckets[1], s.buckets[0]]))
  })

  it('refuses remaining > granted', () => {
    const error = expectInvalidState((s) => {
      s.buckets[2].remaining = 11
      s.totals.granted += 1 // keep the conservation law
    })
    expect(error.field).toContain('remaining')
  })

  it('refuses a broken conservation law', () => {
    expectInvalidState((s) => (s.totals.granted += 1))
    expectInvalidState((s) => (s.totals.expired += 1))
  })

  it('accepts a deficit beside available credits since contract v4 (a reversal is not a grant: SPEC §9.2)', () => {
    // Before v4 this was refused; a reversal now gives credits back into their buckets without repaying
    // the deficit of another consumption, so such a state is one the fold makes (tests/rules/reverseConsumption).
    const s = snapshot()
    s.deficit = 5
    s.totals.consumed += 5
    expect(parseState(s).deficit).toBe(5)
  })

  it('refuses unknown keys, at the top and inside', () => {
    expect(expectInvalidState((s) => (s.extra = 1)).field).toBe('extra')
    expect(expectInvalidState((s) => (s.buckets[0].note = 'x')).field).toBe('buckets.0.note')
    expectInvalidState((s) => (s.totals.bonus = 0))
  })

  it('refuses a bucket that has already expired', () => {
    expectInvalidState((s) => {
      // move the clock to the buckets' expiry without expiring them
      s.clock = s.buckets[0].expiresAt
    })
  })

  it('refuses an empty bucket, a wrong version, a non-canonical instant and a non-object', () => {
    expectInvalidState((s) => {
      s.buckets[2].remaining = 0
      s.totals.consumed += 10
    })
    expectInvalidState((s) => (s.version = 2))
    expectInvalidState((s) => (s.clock = '2025-01-13T00:00:00Z'))
    for (const input of [null, 'state', 42, []]) expectError(() => parseState(input), 'INVALID_STATE')
  })

  it('refuses a missing key', () => {
    expectInvalidState((s) => delete s.deficit)
  })
})
