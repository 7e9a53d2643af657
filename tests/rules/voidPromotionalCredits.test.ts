import { describe, expect, it } from 'vitest'
import { evolve, replay, statement } from '../../src/index.js'
import { expectConservation, expectError } from '../support/assertions.js'
import { consumed, promoted, purchased, started, voided } from '../support/events.js'
import { BASIC } from '../support/plans.js'

// BASIC: 100 credits, period 1 ends 2025-02-10T09:00Z. The promotion b2: 50 credits until 2025-01-25.
const history = [
  started('s', '2025-01-10T09:00:00Z', BASIC),
  promoted('g', '2025-01-12T00:00:00Z', 50, '2025-01-25T00:00:00Z'),
]

describe('PromotionalCreditsVoided', () => {
  it('after partial use: the remaining credits go into voided, never expired; spent credits stay spent', () => {
    // 30 consumed from the promotion (it expires first): 20 left in b2, voided.
    const state = replay([...history, consumed('c', '2025-01-13T00:00:00Z', 30), voided('v', '2025-01-14T00:00:00Z', 'g')])
    expect(state.buckets.map((b) => [b.id, b.remaining])).toEqual([['b1', 100]])
    // granted 150 − consumed 30 − voided 20 = 100 available.
    expect(state.totals).toMatchObject({ granted: 150, consumed: 30, expired: 0, voided: 20 })
    expectConservation(state)
  })

  it('refuses NOTHING_TO_VOID naming data.grantId: used up, expired, voided already, not promotional, unknown', () => {
    const base = replay(history)
    const cases: [string, ReturnType<typeof replay>, string, string][] = [
      ['used up', replay([...history, consumed('c', '2025-01-13T00:00:00Z', 50)]), 'g', '2025-01-14T00:00:00Z'],
      ['expired', base, 'g', '2025-01-25T00:00:00Z'],
      ['voided already', replay([...history, voided('v0', '2025-01-13T00:00:00Z', 'g')]), 'g', '2025-01-14T00:00:00Z'],
      ['a subscription grant', base, 's', '2025-01-14T00:00:00Z'],
      ['a purchase', replay([...history, purchased('p', '2025-01-13T00:00:00Z', 5)]), 'p', '2025-01-14T00:00:00Z'],
      ['unknown', base, 'nope', '2025-01-14T00:00:00Z'],
    ]
    for (const [, state, grantId, at] of cases) {
      const error = expectError(() => evolve(state, voided('v', at, grantId)), 'NOTHING_TO_VOID')
      expect(error).toMatchObject({ eventId: 'v', field: 'data.grantId', value: grantId })
      expect(error.message).toContain('"v"')
      expect(error.message).toContain(JSON.stringify(grantId))
    }
  })

  it('judges the expiry as of the event: one millisecond before it there is something to void', () => {
    const state = evolve(replay(history), voided('v', '2025-01-24T23:59:59.999Z', 'g'))
    expect(state.totals.voided).toBe(50)
    expect(state.totals.expired).toBe(0)
  })

  it('comes after the order check: an event before the clock is OUT_OF_ORDER even with nothing to void', () => {
    expectError(() => evolve(replay(history), voided('v', '2025-01-01T00:00:00Z', 'nope')), 'OUT_OF_ORDER')
  })

  it('the statement has one void movement taking the remaining credits out of the promotional bucket', () => {
    const entries = [...statement([...history, consumed('c', '2025-01-13T00:00:00Z', 30), voided('v', '2025-01-14T00:00:00Z', 'g')])]
    expect(entries.filter((e) => e.eventId === 'v').map((e) => [e.kind, e.bucketId, e.source, e.credits, e.balanceAfter])).toEqual([
      ['void', 'b2', 'promotional', -20, 100],
    ])
  })
})
