import { describe, expect, it } from 'vitest'
import { advanceTo, createLedger, evolve, parseState, replay, statement } from '../../src/index.js'
import { expectConservation, expectError } from '../support/assertions.js'
import { consumed, purchased, refunded, reversed, started, upgraded } from '../support/events.js'
import { BASIC, PRO, usd } from '../support/plans.js'

// BASIC: 100 credits for USD 29, anchored 2025-01-10T09:00Z: b1 expires 2025-02-10T09:00Z.
const start = started('s', '2025-01-10T09:00:00Z', BASIC)
const b1 = {
  id: 'b1',
  source: 'subscription',
  granted: 100,
  grantedAt: '2025-01-10T09:00:00.000Z',
  expiresAt: '2025-02-10T09:00:00.000Z',
  unitPrice: null,
  grantedBy: 's',
} as const

describe('ConsumptionReversed', () => {
  it('gives the credits back into the bucket they came from', () => {
    const state = replay([start, consumed('c', '2025-01-11T00:00:00Z', 30), reversed('r', '2025-01-11T00:01:00Z', 'c', 30)])
    expect(state.buckets).toEqual([{ ...b1, remaining: 100 }])
    // granted 100 + reversed 30 − consumed 30 = 100 available.
    expect(state.totals).toMatchObject({ granted: 100, consumed: 30, reversed: 30, expired: 0 })
    expectConservation(state)
  })

  it('re-creates an emptied bucket with its old id, source, grant, expiry and grantedBy, at its place in consumption order', () => {
    const state = replay([
      start,
      purchased('p', '2025-01-11T00:00:00Z', 50), // b2: extra, USD 1.25
      consumed('c', '2025-01-12T00:00:00Z', 120), // 100 from b1 (emptied, gone), 20 from b2 (30 left)
      reversed('r', '2025-01-13T00:00:00Z', 'c', 120), // last draw first: +20 into b2 (50), then +100 into b1 re-created
    ])
    expect(state.buckets).toEqual([
      { ...b1, remaining: 100 },
      { id: 'b2', source: 'extra', granted: 50, remaining: 50, grantedAt: '2025-01-11T00:00:00.000Z', expiresAt: null, unitPrice: usd(125), grantedBy: 'p' },
    ])
    expect(state.nextBucket).toBe(3) // no new id
    expectConservation(state)
    // The snapshot reads back and continues the same.
    expect(parseState(JSON.parse(JSON.stringify(state)))).toEqual(state)
  })

  it('partial reversals continue in reverse order and may not add up past the amount (REVERSAL_EXCEEDS_CONSUMPTION)', () => {
    const spent = replay([start, purchased('p', '2025-01-11T00:00:00Z', 50), consumed('c', '2025-01-12T00:00:00Z', 120)])
    // 30: 20 back into b2 (the last draw), then 10 into b1 (re-created with 10).
    const first = evolve(spent, reversed('r1', '2025-01-13T00:00:00Z', 'c', 30))
    expect(first.buckets.map((b) => [b.id, b.remaining])).toEqual([['b1', 10], ['b2', 50]])
    // 85 more: into b1 (95). 115 of 120 reversed, 5 left.
    const second = evolve(first, reversed('r2', '2025-01-13T00:01:00Z', 'c', 85))
    expect(second.buckets.map((b) => [b.id, b.remaining])).toEqual([['b1', 95], ['b2', 50]])
    const error = expectError(() => evolve(second, reversed('r3', '2025-01-13T00:02:00Z', 'c', 10)), 'REVERSAL_EXCEEDS_CONSUMPTION')
    expect(error).toMatchObject({ eventId: 'r3', field: 'data.amount', value: 10 })
    expect(error.message).toContain('5 credits of consumption "c" not yet reversed (of 120)')
    const last = evolve(second, reversed('r3', '2025-01-13T00:02:00Z', 'c', 5))
    expect(last.buckets.map((b) => [b.id, b.remaining])).toEqual([['b1', 100], ['b2', 50]])
    expect(last.totals.reversed).toBe(120)
    expectConservation(last)
  })

  it('after the bucket expired: the credits come back and expire at once (counted in reversed and expired)', () => {
    const state = replay([
      start,
      consumed('c', '2025-02-05T00:00:00Z', 40), // from b1: 60 left
      // 02-10T09:00: b1's 60 expire, the renewal grants b2 (100).
      reversed('r', '2025-02-12T00:00:00Z', 'c', 40), // b1 expired 02-10 ≤ 02-12: the 40 expire at once
    ])
    expect(state.buckets.map((b) => [b.id, b.remaining])).toEqual([['b2', 100]])
    // granted 200 + reversed 40 − consumed 40 − expired (60 + 40) = 100.
    expect(state.totals).toMatchObject({ granted: 200, consumed: 40, reversed: 40, expired: 100 })
    expectConservation(state)
    const entries = [...statement([start, consumed('c', '2025-02-05T00:00:00Z', 40), reversed('r', '2025-02-12T00:00:00Z', 'c', 40)])]
    expect(entries.filter((e) => e.eventId === 'r').map((e) => [e.kind, e.bucketId, e.credits])).toEqual([
      ['reverse', 'b1', 40],
      ['expire', 'b1', -40],
    ])
  })

  it('exactly at the expiry of the bucket: the bucket has expired (SPEC §2: the clock moves first), so the credits expire at once', () => {
    const state = replay([start, consumed('c', '2025-02-05T00:00:00Z', 40), reversed('r', '2025-02-10T09:00:00Z', 'c', 40)])
    expect(state.buckets.map((b) => [b.id, b.remaining])).toEqual([['b2', 100]])
    expect(state.totals).toMatchObject({ reversed: 40, expired: 100 })
    expect(parseState(JSON.parse(JSON.stringify(state)))).toEqual(state)
  })

  it('of a consumption that ran into deficit: its shortfall first (the deficit shrinks), then its draws', () => {
    // 130 of 100: 100 from b1 (gone), shortfall 30 → deficit 30.
    const overdrawn = replay([start, consumed('c', '2025-01-11T00:00:00Z', 130)])
    expect(overdrawn.deficit).toBe(30)
    // 40: the 30 of the shortfall (deficit 0), then 10 into b1 (re-created).
    const state = evolve(overdrawn, reversed('r', '2025-01-12T00:00:00Z', 'c', 40))
    expect(state.deficit).toBe(0)
    expect(state.buckets).toEqual([{ ...b1, remaining: 10 }])
    expect(state.totals).toMatchObject({ granted: 100, consumed: 130, reversed: 40 })
    expectConservation(state)
    const entries = [...statement([start, consumed('c', '2025-01-11T00:00:00Z', 130), reversed('r', '2025-01-12T00:00:00Z', 'c', 40)])]
    expect(entries.filter((e) => e.eventId === 'r').map((e) => [e.kind, e.source, e.credits, e.balanceAfter])).toEqual([
      ['reverse', 'deficit', 30, 0],
      ['reverse', 'subscription', 10, 10],
    ])
  })

  it('a shortfall a later grant has repaid is not given back again (those credits went to the deficit)', () => {
    // Shortfall 30, repaid by the purchase of 50 (b2 keeps 20). Reversing all 130: the 30 are no longer owed,
    // the 100 drawn go back into b1. reversed counts the 100 given back.
    const state = replay([
      start,
      consumed('c', '2025-01-11T00:00:00Z', 130),
      purchased('p', '2025-01-12T00:00:00Z', 50),
      reversed('r', '2025-01-13T00:00:00Z', 'c', 130),
    ])
    expect(state.buckets.map((b) => [b.id, b.remaining])).toEqual([['b1', 100], ['b2', 20]])
    expect(state.totals).toMatchObject({ granted: 150, consumed: 130, reversed: 100 })
    expectConservation(state)
  })

  it('is not a grant: it repays no deficit but its own shortfall', () => {
    // c1 empties b1; c2 runs 20 short. Reversing c1 puts its 100 back into b1, and the deficit of c2 stays.
    const state = replay([
      start,
      consumed('c1', '2025-01-11T00:00:00Z', 100),
      consumed('c2', '2025-01-11T00:01:00Z', 20),
      reversed('r', '2025-01-12T00:00:00Z', 'c1', 100),
    ])
    expect(state.deficit).toBe(20)
    expect(state.buckets.map((b) => [b.id, b.remaining])).toEqual([['b1', 100]])
    expectConservation(state)
    expect(parseState(JSON.parse(JSON.stringify(state)))).toEqual(state)
  })

  it('after an upgrade: the credits go back into the old subscription bucket, which expires at the old period end', () => {
    const state = replay([
      start,
      consumed('c', '2025-01-11T00:00:00Z', 100), // b1 emptied
      upgraded('u', '2025-01-20T00:00:00Z', PRO), // nothing to carry; b2: PRO's 500 until 02-20
      reversed('r', '2025-01-21T00:00:00Z', 'c', 100), // b1 re-created, still expiring 02-10
    ])
    expect(state.buckets.map((b) => [b.id, b.source, b.remaining, b.expiresAt])).toEqual([
      ['b1', 'subscription', 100, '2025-02-10T09:00:00.000Z'],
      ['b2', 'subscription', 500, '2025-02-20T00:00:00.000Z'],
    ])
    expect(parseState(JSON.parse(JSON.stringify(state)))).toEqual(state)
    expect(advanceTo(state, '2025-02-10T09:00:00Z').totals.expired).toBe(100)
  })

  it('restored extra credits keep their unit price and can be refunded', () => {
    const state = replay([
      start,
      purchased('p', '2025-01-11T00:00:00Z', 10, usd(125)), // b2
      consumed('c', '2025-01-12T00:00:00Z', 110), // b1 and b2 emptied
      reversed('r', '2025-01-13T00:00:00Z', 'c', 4), // 4 back into b2 (re-created, USD 1.25)
      refunded('f', '2025-01-14T00:00:00Z', 'p', 4), // 4 × 1.25 = 5.00
    ])
    expect(state.totals).toMatchObject({ reversed: 4, refunded: 4, refundedMoney: usd(500) })
    expect(state.buckets).toEqual([])
    expectConservation(state)
  })

  it('refuses UNKNOWN_CONSUMPTION naming data.consumptionId: unknown, not a consumption, outside the window', () => {
    const ledger = createLedger({ reversalWindowMs: 3_600_000 }) // one hour
    const history = [start, purchased('p', '2025-01-10T10:00:00Z', 5), consumed('c', '2025-01-11T00:00:00Z', 30)]
    const state = ledger.replay(history)
    for (const [consumptionId, at] of [
      ['nope', '2025-01-11T00:10:00Z'],
      ['p', '2025-01-11T00:10:00Z'],
      ['c', '2025-01-11T01:00:00Z'], // the window is half-open: at c + 1 h it is forgotten
    ] as const) {
      const error = expectError(() => ledger.evolve(state, reversed('r', at, consumptionId, 1)), 'UNKNOWN_CONSUMPTION')
      expect(error).toMatchObject({ eventId: 'r', field: 'data.consumptionId', value: consumptionId })
      expect(error.message).toContain(`"r"`)
    }
    expect(ledger.evolve(state, reversed('r', '2025-01-11T00:59:59.999Z', 'c', 30)).totals.reversed).toBe(30)
  })

  it('forgets consumptions as the clock moves, so the state holds one window of them', () => {
    const ledger = createLedger({ reversalWindowMs: 3_600_000 })
    const state = ledger.replay([start, consumed('c1', '2025-01-11T00:00:00Z', 1), consumed('c2', '2025-01-11T00:30:00Z', 1)])
    expect(state.consumptions.flat().map((c) => c.id)).toEqual(['c1', 'c2'])
    expect(ledger.advanceTo(state, '2025-01-11T01:00:00Z').consumptions.flat().map((c) => c.id)).toEqual(['c2'])
    expect(ledger.advanceTo(state, '2025-01-11T01:30:00Z').consumptions).toEqual([])
  })

  it('in the precedence: duplicate and order before reference, reference before amount', () => {
    const state = replay([start, consumed('c', '2025-01-11T00:00:00Z', 30)])
    expectError(() => evolve(state, reversed('c', '2025-01-11T00:01:00Z', 'nope', 99)), 'DUPLICATE_EVENT')
    expectError(() => evolve(state, reversed('r', '2025-01-10T00:00:00Z', 'nope', 99)), 'OUT_OF_ORDER')
    expectError(() => evolve(state, reversed('r', '2025-01-11T00:01:00Z', 'nope', 99)), 'UNKNOWN_CONSUMPTION')
    expectError(() => evolve(state, reversed('r', '2025-01-11T00:01:00Z', 'c', 99)), 'REVERSAL_EXCEEDS_CONSUMPTION')
  })

  it('credits of a bucket that never expires (extra) go back into it, not into expired', () => {
    const entries = [
      start,
      purchased('p', '2025-01-11T00:00:00Z', 50), // b2: extra, never expires
      consumed('c', '2025-01-12T00:00:00Z', 120), // 100 from b1 (gone), 20 from b2 (30 left)
      reversed('r', '2025-01-13T00:00:00Z', 'c', 20), // the last draw: +20 into b2
    ]
    const state = replay(entries)
    expect(state.buckets.map((b) => [b.id, b.remaining])).toEqual([['b2', 50]])
    expect(state.totals).toMatchObject({ reversed: 20, expired: 0 })
    expect([...statement(entries)].filter((e) => e.eventId === 'r').map((e) => [e.kind, e.bucketId, e.credits])).toEqual([['reverse', 'b2', 20]])
  })

  it('a partial reversal that continues past draws already given back makes no movement for them', () => {
    const entries = [
      start,
      purchased('p', '2025-01-11T00:00:00Z', 50),
      consumed('c', '2025-01-12T00:00:00Z', 120), // draws: 100 from b1, 20 from b2
      reversed('r1', '2025-01-13T00:00:00Z', 'c', 20), // b2's 20 back
      reversed('r2', '2025-01-13T00:01:00Z', 'c', 10), // skips b2's draw; 10 into b1 (re-created)
    ]
    const state = replay(entries)
    expect(state.buckets.map((b) => [b.id, b.remaining])).toEqual([
      ['b1', 10],
      ['b2', 50],
    ])
    expect([...statement(entries)].filter((e) => e.eventId === 'r2').map((e) => [e.kind, e.bucketId, e.credits])).toEqual([['reverse', 'b1', 10]])
  })
})
