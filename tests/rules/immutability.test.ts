import { describe, expect, it } from 'vitest'
import { evolve, initialState, replay, type AccountState } from '../../src/index.js'
import { frozenPaths, undefinedPaths, unfrozenPaths } from '../support/assertions.js'
import { consumed, promoted, purchased, refunded, reversed, started, voided } from '../support/events.js'
import { BASIC } from '../support/plans.js'

// Every correction rule, through evolve (immer drafts, copy on write) and replay (a private copy frozen once).
const events = [
  started('s', '2025-01-10T09:00:00Z', BASIC),
  purchased('p', '2025-01-11T00:00:00Z', 20),
  promoted('g', '2025-01-11T01:00:00Z', 10, '2025-03-01T00:00:00Z'),
  consumed('c', '2025-01-12T00:00:00Z', 125), // 10 from g's bucket, 100 from b1, 15 from p's bucket
  reversed('r', '2025-01-12T00:01:00Z', 'c', 20), // 15 back into p's bucket, 5 into b1
  refunded('f', '2025-01-12T00:02:00Z', 'p', 10),
  promoted('g2', '2025-01-12T00:03:00Z', 7, null),
  voided('v', '2025-01-12T00:04:00Z', 'g2'),
]

describe('states with corrections', () => {
  it('evolve returns deeply frozen states equal to replay, and never freezes or changes its input', () => {
    let state: AccountState = initialState
    for (const event of events) {
      const before = JSON.stringify(state)
      const next = evolve(state, event)
      expect(JSON.stringify(state)).toBe(before)
      expect(unfrozenPaths(next), event.id).toEqual([])
      expect(undefinedPaths(next)).toEqual([])
      expect(frozenPaths(event)).toEqual([])
      state = next
    }
    expect(state).toEqual(replay(events))
    expect(unfrozenPaths(replay(events))).toEqual([])
  })
})
