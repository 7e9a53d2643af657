/**
 * `PlanUpgraded` (SPEC §1.4): a new period of the new plan starts now; the
 * unused subscription and rollover credits move into one rollover bucket
 * expiring with it (a move, not a grant); extra credits are untouched.
 */
import { describe, expect, it } from 'vitest'
import { evolve, parseState, replay, statement, type AccountState, type CreditEvent, type StatementEntry } from '../../src/index.js'
import { expectConservation } from '../support/assertions.js'
import { consumed, purchased, started, upgraded } from '../support/events.js'
import { BASIC, PRO, SCALE, usd } from '../support/plans.js'

const live = (state: AccountState) => state.buckets.map((b) => `${b.id}:${b.source}:${b.granted}/${b.remaining}:${b.expiresAt}`)
const moves = (entries: StatementEntry[]) => entries.map((e) => `${e.kind} ${e.source} ${e.bucketId ?? '-'} ${e.credits}`)

function entriesOf(history: CreditEvent[], event: CreditEvent): StatementEntry[] {
  return [...statement([...history, event])].filter((e) => e.eventId === event.id)
}

describe('upgrade', () => {
  it('carries the unused credits into a rollover bucket before the new subscription bucket, both until the new anniversary', () => {
    const history = [started('s', '2025-01-10T09:00:00Z', BASIC), consumed('c', '2025-01-11T00:00:00Z', 30)]
    const up = upgraded('u', '2025-01-31T10:00:00Z', PRO)
    for (const state of [replay([...history, up]), evolve(replay(history), up)]) {
      expect(live(state)).toEqual(['b2:rollover:70/70:2025-02-28T10:00:00.000Z', 'b3:subscription:500/500:2025-02-28T10:00:00.000Z'])
      expect(state.subscription).toEqual({
        plan: PRO,
        anchor: '2025-01-31T10:00:00.000Z',
        period: 1,
        periodStart: '2025-01-31T10:00:00.000Z',
        periodEnd: '2025-02-28T10:00:00.000Z',
        cancelAtPeriodEnd: false,
        scheduledPlan: null,
      })
      // A move is not a grant: granted counts the two plans' credits once each.
      expect(state.totals).toMatchObject({ granted: 600, consumed: 30, expired: 0, charged: usd(2900 + 9900) })
      expectConservation(state)
    }
    expect(moves(entriesOf(history, up))).toEqual(['rollover subscription b1 -70', 'rollover rollover b2 70', 'grant subscription b3 500'])
  })

  it('with every plan credit used, there is no rollover bucket', () => {
    const history = [started('s', '2025-01-10T09:00:00Z', BASIC), consumed('c', '2025-01-11T00:00:00Z', 100)]
    const up = upgraded('u', '2025-01-20T00:00:00Z', PRO)
    const state = replay([...history, up])
    expect(live(state)).toEqual(['b2:subscription:500/500:2025-02-20T00:00:00.000Z'])
    expect(moves(entriesOf(history, up))).toEqual(['grant subscription b2 500'])
  })

  it('a second upgrade carries the rollover and the subscription credits together into one new rollover bucket', () => {
    const history = [
      started('s', '2025-01-10T09:00:00Z', BASIC),
      consumed('c', '2025-01-11T00:00:00Z', 30),
      upgraded('u1', '2025-01-20T00:00:00Z', PRO), // b2 rollover 70, b3 subscription 500
      consumed('c2', '2025-01-21T00:00:00Z', 20), // b2: 50
    ]
    const up = upgraded('u2', '2025-01-25T00:00:00Z', SCALE)
    const state = replay([...history, up])
    expect(live(state)).toEqual(['b4:rollover:550/550:2025-02-25T00:00:00.000Z', 'b5:subscription:2000/2000:2025-02-25T00:00:00.000Z'])
    expect(state.totals.granted).toBe(2600)
    expect(moves(entriesOf(history, up))).toEqual([
      'rollover rollover b2 -50',
      'rollover subscription b3 -500',
      'rollover rollover b4 550',
      'grant subscription b5 2000',
    ])
  })

  it('leaves extra credits where they are, after the plan credits', () => {
    const history = [
      purchased('p1', '2025-01-05T00:00:00Z', 10), // b1, older than the subscription
      started('s', '2025-01-10T09:00:00Z', BASIC), // b2
      purchased('p2', '2025-01-11T00:00:00Z', 5), // b3
    ]
    const state = replay([...history, upgraded('u', '2025-01-20T00:00:00Z', PRO)])
    expect(live(state)).toEqual([
      'b4:rollover:100/100:2025-02-20T00:00:00.000Z',
      'b5:subscription:500/500:2025-02-20T00:00:00.000Z',
      'b1:extra:10/10:null',
      'b3:extra:5/5:null',
    ])
  })

  it('leaves promotional credits alone, even those that expire before the old anniversary', () => {
    const state = parseState({
      version: 1,
      accountId: 'acc-1',
      clock: '2025-01-15T00:00:00.000Z',
      subscription: { plan: BASIC, anchor: '2025-01-10T09:00:00.000Z', period: 1, periodStart: '2025-01-10T09:00:00.000Z', periodEnd: '2025-02-10T09:00:00.000Z' },
      buckets: [
        { id: 'b2', source: 'promotional', granted: 10, remaining: 10, grantedAt: '2025-01-15T00:00:00.000Z', expiresAt: '2025-02-01T00:00:00.000Z', unitPrice: null },
        { id: 'b1', source: 'subscription', granted: 100, remaining: 100, grantedAt: '2025-01-10T09:00:00.000Z', expiresAt: '2025-02-10T09:00:00.000Z', unitPrice: null },
      ],
      deficit: 0,
      totals: { granted: 110, consumed: 0, expired: 0, charged: usd(2900) },
      nextBucket: 3,
      window: [],
    })
    const next = evolve(state, upgraded('u', '2025-01-20T00:00:00Z', PRO))
    expect(live(next)).toEqual([
      'b2:promotional:10/10:2025-02-01T00:00:00.000Z',
      'b3:rollover:100/100:2025-02-20T00:00:00.000Z',
      'b4:subscription:500/500:2025-02-20T00:00:00.000Z',
    ])
  })

  it('at the exact anniversary, carries the credits of the period that has just begun', () => {
    const history = [started('s', '2025-01-10T09:00:00Z', BASIC), consumed('c', '2025-01-11T00:00:00Z', 30)]
    const state = replay([...history, upgraded('u', '2025-02-10T09:00:00Z', PRO)])
    // b1 (70 left) expired at the anniversary; b2 is the renewal's 100, all carried.
    expect(live(state)).toEqual(['b3:rollover:100/100:2025-03-10T09:00:00.000Z', 'b4:subscription:500/500:2025-03-10T09:00:00.000Z'])
    expect(state.totals).toMatchObject({ granted: 700, expired: 70 })
  })

  it('a carried deficit is not repaid by the rollover but by the new plan’s credits', () => {
    // 130 consumed of 100: deficit 30, then 10 extra credits repay 10 of it.
    const history = [
      started('s', '2025-01-10T09:00:00Z', BASIC),
      consumed('c', '2025-01-11T00:00:00Z', 130),
      purchased('p', '2025-01-12T00:00:00Z', 10),
    ]
    const state = replay([...history, upgraded('u', '2025-01-20T00:00:00Z', PRO)])
    expect(state.deficit).toBe(0)
    expect(live(state)).toEqual(['b2:subscription:500/480:2025-02-20T00:00:00.000Z'])
    expectConservation(state)
  })

  it('keeps the plan in canonical money, and the new plan’s price is what a renewal charges', () => {
    const plan = { id: 'pro-4', monthlyCredits: 500, price: usd(990000, 4) }
    const state = replay([started('s', '2025-01-10T09:00:00Z', BASIC), upgraded('u', '2025-01-20T00:00:00Z', plan)])
    expect(state.subscription!.plan).toEqual({ id: 'pro-4', monthlyCredits: 500, price: usd(9900) })
    expect(state.totals.charged).toEqual(usd(2900 + 9900))
  })
})
