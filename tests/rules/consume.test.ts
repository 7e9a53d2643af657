/** `CreditsConsumed` (SPEC §3): drawn in consumption order; what the buckets cannot give becomes a deficit. */
import { describe, expect, it } from 'vitest'
import { balance, evolve, replay, statement, type AccountState, type CreditEvent, type StatementEntry } from '../../src/index.js'
import { expectConservation } from '../support/assertions.js'
import { consumed, purchased, started } from '../support/events.js'
import { BASIC } from '../support/plans.js'

const live = (state: AccountState) => state.buckets.map((b) => `${b.id}:${b.source}:${b.remaining}`)
const moves = (entries: StatementEntry[]) => entries.map((e) => `${e.kind} ${e.bucketId ?? e.source} ${e.credits} → ${e.balanceAfter}`)

/** The entries `event` writes after `history`. */
function entriesOf(history: CreditEvent[], event: CreditEvent): StatementEntry[] {
  return [...statement([...history, event])].filter((e) => e.eventId === event.id)
}

/** 100 subscription credits (b1) and 10 extra credits (b2). */
const funded = (): CreditEvent[] => [started('s', '2025-01-10T09:00:00Z', BASIC), purchased('p', '2025-01-11T00:00:00Z', 10)]

describe('consume', () => {
  it('draws a bucket to exactly zero: it leaves, the next bucket is untouched, no deficit', () => {
    const history = funded()
    const use = consumed('c', '2025-01-12T00:00:00Z', 100)
    for (const state of [replay([...history, use]), evolve(replay(history), use)]) {
      expect(live(state)).toEqual(['b2:extra:10'])
      expect(state.deficit).toBe(0)
      expect(state.totals.consumed).toBe(100)
      expectConservation(state)
    }
    expect(moves(entriesOf(history, use))).toEqual(['consume b1 -100 → 10'])
  })

  it('takes part of the front bucket and nothing of the next', () => {
    const history = funded()
    const use = consumed('c', '2025-01-12T00:00:00Z', 99)
    for (const state of [replay([...history, use]), evolve(replay(history), use)]) {
      expect(live(state)).toEqual(['b1:subscription:1', 'b2:extra:10'])
    }
    expect(moves(entriesOf(history, use))).toEqual(['consume b1 -99 → 11'])
  })

  it('spans buckets and uses up exactly every credit: no deficit entry', () => {
    const history = funded()
    const use = consumed('c', '2025-01-12T00:00:00Z', 110)
    const state = evolve(replay(history), use)
    expect(state.buckets).toEqual([])
    expect(balance(state)).toMatchObject({ available: 0, deficit: 0 })
    expect(moves(entriesOf(history, use))).toEqual(['consume b1 -100 → 10', 'consume b2 -10 → 0'])
  })

  it('one credit more than there is: every bucket emptied, a deficit of exactly one', () => {
    const history = funded()
    const use = consumed('c', '2025-01-12T00:00:00Z', 111)
    for (const state of [replay([...history, use]), evolve(replay(history), use)]) {
      expect(state.buckets).toEqual([])
      expect(state.deficit).toBe(1)
      expect(state.totals.consumed).toBe(111)
      expectConservation(state)
    }
    expect(moves(entriesOf(history, use))).toEqual(['consume b1 -100 → 10', 'consume b2 -10 → 0', 'consume deficit -1 → -1'])
  })

  it('with no bucket at all, the whole amount is owed, and a second shortfall adds to it', () => {
    const first = consumed('c1', '2025-01-01T00:00:00Z', 7)
    const second = consumed('c2', '2025-01-02T00:00:00Z', 5)
    const state = evolve(replay([first]), second)
    expect(state.deficit).toBe(12)
    expect(state.totals).toMatchObject({ granted: 0, consumed: 12, expired: 0 })
    expect(moves(entriesOf([first], second))).toEqual(['consume deficit -5 → -12'])
  })

  it('a consumption at the instant a bucket expires draws from what is left after the expiry', () => {
    const history = funded()
    const atRenewal = consumed('c', '2025-02-10T09:00:00Z', 105)
    const state = replay([...history, atRenewal])
    // b1 expired, b3 is the new period's 100 credits: 100 from b3, then 5 from the extra bucket.
    expect(live(state)).toEqual(['b2:extra:5'])
    expect(state.totals).toMatchObject({ granted: 210, consumed: 105, expired: 100 })
  })
})
