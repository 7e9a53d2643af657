/**
 * Granting (SPEC §3): every grant counts in `totals.granted` once, repays the
 * deficit first, and puts the rest into a new bucket; a bucket only when
 * something is left for it. The money charged goes with the first movement.
 */
import { describe, expect, it } from 'vitest'
import { advanceTo, evolve, replay, statement, type CreditEvent, type StatementEntry } from '../../src/index.js'
import { expectConservation } from '../support/assertions.js'
import { consumed, purchased, started, upgraded } from '../support/events.js'
import { BASIC, PRO, usd } from '../support/plans.js'

const moves = (entries: StatementEntry[]) =>
  entries.map((e) => `${e.kind} ${e.bucketId ?? e.source} ${e.credits} → ${e.balanceAfter}${e.charged === null ? '' : ` charged ${e.charged.amount}`}`)

function entriesOf(history: CreditEvent[], event: CreditEvent): StatementEntry[] {
  return [...statement([...history, event])].filter((e) => e.eventId === event.id)
}

/** A deficit of `credits` and nothing else. */
const owing = (credits: number): CreditEvent[] => [consumed('c', '2025-01-01T00:00:00Z', credits)]

describe('grant', () => {
  it('a grant with no deficit: one bucket, one movement carrying the charge, the deficit stays 0', () => {
    const buy = purchased('p', '2025-01-02T00:00:00Z', 10)
    const state = replay([buy])
    expect(state.buckets).toHaveLength(1)
    expect(state.buckets[0]).toMatchObject({ id: 'b1', granted: 10, remaining: 10 })
    expect(state.deficit).toBe(0)
    expect(moves(entriesOf([], buy))).toEqual(['grant b1 10 → 10 charged 1250'])
  })

  it('a deficit repaid exactly: no bucket, no bucket id used, the grant still counted and charged', () => {
    const buy = purchased('p', '2025-01-02T00:00:00Z', 40)
    for (const state of [replay([...owing(40), buy]), evolve(replay(owing(40)), buy)]) {
      expect(state.deficit).toBe(0)
      expect(state.buckets).toEqual([])
      expect(state.nextBucket).toBe(1)
      expect(state.totals).toMatchObject({ granted: 40, consumed: 40, charged: usd(5000) })
      expectConservation(state)
    }
    expect(moves(entriesOf(owing(40), buy))).toEqual(['grant deficit 40 → 0 charged 5000'])
    // The next grant gets b1.
    expect(replay([...owing(40), buy, purchased('p2', '2025-01-03T00:00:00Z', 1)]).buckets.map((b) => b.id)).toEqual(['b1'])
  })

  it('a deficit one credit larger than the grant: no bucket, one credit still owed', () => {
    const buy = purchased('p', '2025-01-02T00:00:00Z', 39)
    const state = replay([...owing(40), buy])
    expect(state.deficit).toBe(1)
    expect(state.buckets).toEqual([])
    expect(moves(entriesOf(owing(40), buy))).toEqual(['grant deficit 39 → -1 charged 4875'])
  })

  it('a grant one credit larger than the deficit: a bucket of one credit whose granted is the whole grant; the charge goes with the repayment only', () => {
    const buy = purchased('p', '2025-01-02T00:00:00Z', 41)
    const state = replay([...owing(40), buy])
    expect(state.deficit).toBe(0)
    expect(state.buckets).toEqual([
      { id: 'b1', source: 'extra', granted: 41, remaining: 1, grantedAt: '2025-01-02T00:00:00.000Z', expiresAt: null, unitPrice: usd(125), grantedBy: 'p' },
    ])
    expect(moves(entriesOf(owing(40), buy))).toEqual(['grant deficit 40 → 0 charged 5125', 'grant b1 1 → 1'])
    const entries = entriesOf(owing(40), buy)
    expect(entries.map((e) => e.source)).toEqual(['deficit', 'extra'])
  })

  it('a start repays a deficit first: its subscription bucket holds the rest', () => {
    const start = started('s', '2025-01-10T09:00:00Z', BASIC)
    const state = replay([...owing(30), start])
    expect(state.deficit).toBe(0)
    expect(state.buckets).toMatchObject([{ id: 'b1', source: 'subscription', granted: 100, remaining: 70, expiresAt: '2025-02-10T09:00:00.000Z' }])
    expect(moves(entriesOf(owing(30), start))).toEqual(['grant deficit 30 → 0 charged 2900', 'grant b1 70 → 70'])
  })

  it('a renewal repays a deficit run up in the period before, after the period’s credits expire', () => {
    const history = [started('s', '2025-01-10T09:00:00Z', BASIC), consumed('c', '2025-01-20T00:00:00Z', 130)]
    const renewed = advanceTo(replay(history), '2025-02-10T09:00:00Z')
    expect(renewed.deficit).toBe(0)
    expect(renewed.buckets).toMatchObject([{ id: 'b2', source: 'subscription', granted: 100, remaining: 70 }])
    expect(renewed.totals).toMatchObject({ granted: 200, consumed: 130, expired: 0, charged: usd(5800) })
    expectConservation(renewed)
    const renewal = [...statement([...history, consumed('later', '2025-02-10T09:00:00Z', 1)])].filter((e) => e.eventId === null)
    expect(moves(renewal)).toEqual(['grant deficit 30 → 0 charged 2900', 'grant b2 70 → 70'])
  })

  it('a renewal that only repays: no bucket for the new period', () => {
    const history = [started('s', '2025-01-10T09:00:00Z', BASIC), consumed('c', '2025-01-20T00:00:00Z', 200)]
    const renewed = advanceTo(replay(history), '2025-02-10T09:00:00Z')
    expect(renewed.deficit).toBe(0)
    expect(renewed.buckets).toEqual([])
    expect(renewed.nextBucket).toBe(2)
    expect(renewed.subscription).toMatchObject({ period: 2, periodEnd: '2025-03-10T09:00:00.000Z' })
  })

  it('an upgrade’s new credits repay a deficit; its rollover never does', () => {
    const history = [started('s', '2025-01-10T09:00:00Z', BASIC), consumed('c', '2025-01-20T00:00:00Z', 130)]
    const up = upgraded('u', '2025-01-25T00:00:00Z', PRO)
    const state = replay([...history, up])
    expect(state.deficit).toBe(0)
    expect(state.buckets).toMatchObject([{ source: 'subscription', granted: 500, remaining: 470 }])
    expect(moves(entriesOf(history, up))).toEqual(['grant deficit 30 → 0 charged 9900', 'grant b2 470 → 470'])
  })
})
