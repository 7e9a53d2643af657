/**
 * A working account moves its clock without running `passTime` while it
 * knows that nothing is due (no bucket expires, no anniversary falls). These
 * are the ways something can become due sooner than it knew: each history
 * must fold as if time were passed event by event, by `replay` and by a
 * chain of `evolve` calls alike.
 */
import { describe, expect, it } from 'vitest'
import { evolve, initialState, replay, type AccountState, type CreditEvent } from '../../src/index.js'
import { expectConservation } from '../support/assertions.js'
import { cancelled, consumed, promoted, purchased, reversed, started } from '../support/events.js'
import { BASIC, usd } from '../support/plans.js'

// BASIC: 100 credits a month for USD 29; started 2025-01-10T09:00Z, period 1 ends 2025-02-10T09:00Z.
const start = started('s', '2025-01-10T09:00:00Z', BASIC)

/** The final state by `replay` and by `evolve` event by event, which must agree. */
function fold(events: CreditEvent[]): AccountState {
  const replayed = replay(events)
  const evolved = events.reduce<AccountState>((state, event) => evolve(state, event), initialState)
  expect(JSON.parse(JSON.stringify(evolved))).toEqual(JSON.parse(JSON.stringify(replayed)))
  expectConservation(replayed)
  return replayed
}

describe('the clock moves on quietly only while nothing is due', () => {
  it('a bucket granted mid-period that expires before the front one expires when its time comes', () => {
    const state = fold([
      start,
      consumed('c1', '2025-01-11T00:00:00Z', 1),
      promoted('g', '2025-01-12T00:00:00Z', 50, '2025-01-20T00:00:00Z'),
      consumed('c2', '2025-01-13T00:00:00Z', 1), // the promotion is now the front bucket, due 01-20
      consumed('c3', '2025-01-21T00:00:00Z', 10),
    ])
    expect(state.totals).toMatchObject({ expired: 49, consumed: 12 })
    expect(state.buckets.map((b) => [b.id, b.remaining])).toEqual([['b1', 89]])
  })

  it('a bucket that a reversal re-creates with an expiry before the front one expires when its time comes', () => {
    const state = fold([
      start,
      promoted('g', '2025-01-12T00:00:00Z', 50, '2025-01-20T00:00:00Z'),
      consumed('c1', '2025-01-13T00:00:00Z', 50), // empties the promotional bucket b2
      purchased('p', '2025-01-13T12:00:00Z', 10, usd(100)), // a bucket put in: time passes in full at c2
      consumed('c2', '2025-01-14T00:00:00Z', 1), // the front bucket is b1 again, due 02-10
      reversed('r', '2025-01-15T00:00:00Z', 'c1', 50), // b2 comes back, expiring 01-20
      consumed('c3', '2025-01-21T00:00:00Z', 1),
    ])
    expect(state.totals).toMatchObject({ reversed: 50, expired: 50 })
    expect(state.buckets.map((b) => [b.id, b.remaining])).toEqual([['b1', 98], ['b3', 10]])
  })

  it('a subscription whose first grant only repays a deficit (no bucket) still renews at its anniversary', () => {
    const state = fold([
      start,
      consumed('c1', '2025-01-11T00:00:00Z', 400), // a deficit of 300
      cancelled('x', '2025-01-12T00:00:00Z', 'immediate'),
      consumed('c2', '2025-02-11T00:00:00Z', 1), // no subscription, no bucket: nothing is ever due
      started('s2', '2025-02-12T00:00:00Z', BASIC), // its 100 credits repay the deficit: no bucket
      consumed('c3', '2025-03-13T00:00:00Z', 1), // after the anniversary of 03-12
    ])
    expect(state.subscription).toMatchObject({ period: 2, periodStart: '2025-03-12T00:00:00.000Z' })
    expect(state.deficit).toBe(102)
    expect(state.totals.charged).toEqual({ amount: 8700, currency: 'USD' })
  })
})
