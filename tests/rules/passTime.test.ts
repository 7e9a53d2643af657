/**
 * Time passing (SPEC §2): moving the clock applies, in time order, every
 * expiry and renewal up to and including the new instant; at one instant,
 * expiries come before the renewal.
 */
import { describe, expect, it } from 'vitest'
import { advanceTo, parseState, replay, statement, type CreditEvent, type StatementEntry } from '../../src/index.js'
import { expectConservation } from '../support/assertions.js'
import { consumed, purchased, started, upgraded } from '../support/events.js'
import { BASIC, PRO, usd } from '../support/plans.js'

const moves = (entries: StatementEntry[]) => entries.map((e) => `${e.at} ${e.kind} ${e.bucketId ?? e.source} ${e.credits} → ${e.balanceAfter}`)

/** The time-driven entries (expiries, renewals) up to the probe consumption at `at`. */
function timeEntries(history: CreditEvent[], at: string): StatementEntry[] {
  return [...statement([...history, consumed('probe', at, 1)])].filter((e) => e.eventId === null)
}

describe('passTime', () => {
  it('at an anniversary, the old period’s credits expire before the new period’s are granted', () => {
    const history = [started('s', '2025-01-10T09:00:00Z', BASIC), consumed('c', '2025-01-20T00:00:00Z', 40)]
    expect(moves(timeEntries(history, '2025-02-10T09:00:00Z'))).toEqual([
      '2025-02-10T09:00:00.000Z expire b1 -60 → 0',
      '2025-02-10T09:00:00.000Z grant b2 100 → 100',
    ])
  })

  it('one millisecond before the anniversary nothing has happened yet; at it, everything has', () => {
    const state = replay([started('s', '2025-01-10T09:00:00Z', BASIC), consumed('c', '2025-01-20T00:00:00Z', 40)])
    const before = advanceTo(state, '2025-02-10T08:59:59.999Z')
    expect(before.buckets).toMatchObject([{ id: 'b1', remaining: 60 }])
    expect(before.subscription).toMatchObject({ period: 1 })
    expect(before.clock).toBe('2025-02-10T08:59:59.999Z')
    const at = advanceTo(before, '2025-02-10T09:00:00Z')
    expect(at.buckets).toMatchObject([{ id: 'b2', remaining: 100, expiresAt: '2025-03-10T09:00:00.000Z' }])
    expect(at.subscription).toMatchObject({ period: 2, periodStart: '2025-02-10T09:00:00.000Z', periodEnd: '2025-03-10T09:00:00.000Z' })
    expect(at.totals).toMatchObject({ granted: 200, consumed: 40, expired: 60, charged: usd(5800) })
    expectConservation(at)
  })

  it('a long move applies every period in order, each expiring the last one’s credits, and keeps extra credits', () => {
    const history = [started('s', '2025-01-31T10:00:00Z', BASIC), purchased('p', '2025-02-01T00:00:00Z', 5)]
    const state = advanceTo(replay(history), '2025-05-31T10:00:00Z')
    expect(state.subscription).toMatchObject({ period: 5, periodStart: '2025-05-31T10:00:00.000Z', periodEnd: '2025-06-30T10:00:00.000Z' })
    expect(state.buckets.map((b) => `${b.id}:${b.source}:${b.remaining}:${b.expiresAt}`)).toEqual([
      'b6:subscription:100:2025-06-30T10:00:00.000Z',
      'b2:extra:5:null',
    ])
    expect(state.totals).toMatchObject({ granted: 505, consumed: 0, expired: 400 })
    expect(moves(timeEntries(history, '2025-05-31T10:00:00Z'))).toEqual([
      '2025-02-28T10:00:00.000Z expire b1 -100 → 5',
      '2025-02-28T10:00:00.000Z grant b3 100 → 105',
      '2025-03-31T10:00:00.000Z expire b3 -100 → 5',
      '2025-03-31T10:00:00.000Z grant b4 100 → 105',
      '2025-04-30T10:00:00.000Z expire b4 -100 → 5',
      '2025-04-30T10:00:00.000Z grant b5 100 → 105',
      '2025-05-31T10:00:00.000Z expire b5 -100 → 5',
      '2025-05-31T10:00:00.000Z grant b6 100 → 105',
    ])
  })

  it('a rollover bucket expires at the upgrade’s anniversary, with the subscription bucket granted beside it', () => {
    const history = [
      started('s', '2025-01-10T09:00:00Z', BASIC),
      consumed('c', '2025-01-11T00:00:00Z', 30),
      upgraded('u', '2025-01-20T12:00:00Z', PRO), // b2 rollover 70, b3 subscription 500, both until 02-20T12:00
      consumed('c2', '2025-01-21T00:00:00Z', 80), // b2 gone, b3 490
    ]
    expect(moves(timeEntries(history, '2025-02-20T12:00:00Z'))).toEqual([
      '2025-02-20T12:00:00.000Z expire b3 -490 → 0',
      '2025-02-20T12:00:00.000Z grant b4 500 → 500',
    ])
    const kept = [...history.slice(0, 3)]
    expect(moves(timeEntries(kept, '2025-02-20T12:00:00Z'))).toEqual([
      '2025-02-20T12:00:00.000Z expire b2 -70 → 500',
      '2025-02-20T12:00:00.000Z expire b3 -500 → 0',
      '2025-02-20T12:00:00.000Z grant b4 500 → 500',
    ])
  })

  it('a bucket that expires expires on time even without a subscription (promotional credits from a snapshot)', () => {
    const state = parseState({
      version: 1,
      accountId: 'acc-1',
      clock: '2025-01-10T00:00:00.000Z',
      subscription: null,
      buckets: [
        { id: 'b1', source: 'promotional', granted: 10, remaining: 10, grantedAt: '2025-01-10T00:00:00.000Z', expiresAt: '2025-01-20T00:00:00.000Z', unitPrice: null },
        { id: 'b2', source: 'extra', granted: 5, remaining: 5, grantedAt: '2025-01-10T00:00:00.000Z', expiresAt: null, unitPrice: usd(125) },
      ],
      deficit: 0,
      totals: { granted: 15, consumed: 0, expired: 0, charged: usd(625) },
      nextBucket: 3,
      window: [],
    })
    expect(advanceTo(state, '2025-01-19T23:59:59.999Z').buckets.map((b) => b.id)).toEqual(['b1', 'b2'])
    const later = advanceTo(state, '2025-01-20T00:00:00Z')
    expect(later.buckets.map((b) => b.id)).toEqual(['b2'])
    expect(later.totals).toMatchObject({ granted: 15, expired: 10 })
    expectConservation(later)
  })

  it('expiries and renewals interleave in time order: a bucket expiring after the anniversary goes after the renewal', () => {
    const state = parseState({
      version: 1,
      accountId: 'acc-1',
      clock: '2025-01-15T00:00:00.000Z',
      subscription: {
        plan: BASIC,
        anchor: '2025-01-10T09:00:00.000Z',
        period: 1,
        periodStart: '2025-01-10T09:00:00.000Z',
        periodEnd: '2025-02-10T09:00:00.000Z',
      },
      buckets: [
        { id: 'b1', source: 'subscription', granted: 100, remaining: 100, grantedAt: '2025-01-10T09:00:00.000Z', expiresAt: '2025-02-10T09:00:00.000Z', unitPrice: null },
        { id: 'b2', source: 'promotional', granted: 10, remaining: 10, grantedAt: '2025-01-15T00:00:00.000Z', expiresAt: '2025-02-20T00:00:00.000Z', unitPrice: null },
      ],
      deficit: 0,
      totals: { granted: 110, consumed: 0, expired: 0, charged: usd(2900) },
      nextBucket: 3,
      window: [],
    })
    const entries = [...statement([consumed('probe', '2025-03-01T00:00:00Z', 1)], { from: new Map([['acc-1', state]]) })]
    expect(moves(entries.filter((e) => e.eventId === null))).toEqual([
      '2025-02-10T09:00:00.000Z expire b1 -100 → 10',
      '2025-02-10T09:00:00.000Z grant b3 100 → 110',
      '2025-02-20T00:00:00.000Z expire b2 -10 → 100',
    ])
  })

  it('an account without a subscription has no anniversaries: its extra credits just wait', () => {
    const state = advanceTo(replay([purchased('p', '2025-01-01T00:00:00Z', 5)]), '2030-01-01T00:00:00Z')
    expect(state.buckets).toMatchObject([{ id: 'b1', remaining: 5 }])
    expect(state.totals).toMatchObject({ granted: 5, expired: 0 })
    expect(state.clock).toBe('2030-01-01T00:00:00.000Z')
  })

  it('the clock ends at the instant moved to, between anniversaries', () => {
    const state = advanceTo(replay([started('s', '2025-01-10T09:00:00Z', BASIC)]), '2025-03-01T00:00:00+05:30')
    expect(state.clock).toBe('2025-02-28T18:30:00.000Z')
    expect(state.subscription).toMatchObject({ period: 2 })
  })
})
