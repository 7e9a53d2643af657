import { describe, expect, it } from 'vitest'
import { decide, evolve, isCreditLedgerError, parseState, replay, type CreditEvent } from '../../src/index.js'
import { history } from '../../src/testing/index.js'
import { basic } from './plans.js'

/** What evolve (or decide) does with an input: 'accepted', or the error's code. */
function code(f: () => unknown): string {
  try {
    f()
    return 'accepted'
  } catch (e) {
    return isCreditLedgerError(e) ? e.code : String(e)
  }
}

function consume(id: string, at: string, amount = 1): CreditEvent {
  return { type: 'CreditsConsumed', id, accountId: 'acc-1', at, data: { amount } }
}

// decide's what-if folds must leave the window of the state they judge
// intact: the ids it holds stay duplicates for evolve, and for decide again.
describe('the idempotency window across decide and evolve on one state', () => {
  // Folded in each test, never while vitest collects the file (Stryker would
  // count that as static coverage).
  const windowEvents = () => history('acc-1').start(basic, '2025-01-10T09:00:00Z').consume(10, '+1h').consume(5, '+1h').events

  it('keeps refusing the ids of the window after any number of decisions', () => {
    const events = windowEvents()
    const state = replay(events)
    for (let i = 0; i < 3; i++) {
      const at = `2025-01-10T1${2 + i}:00:00.000Z`
      expect(decide({ type: 'ConsumeCredits', id: `new-${i}`, accountId: 'acc-1', at, data: { amount: 1 } }, state)).toHaveLength(1)
      expect(code(() => evolve(state, consume(events[2]!.id, at, 1)))).toBe('DUPLICATE_EVENT')
      expect(decide({ type: 'ConsumeCredits', id: events[2]!.id, accountId: 'acc-1', at, data: { amount: 5 } }, state)).toEqual([])
      // What decide folded in its what-if was not recorded: the id is still free.
      expect(code(() => evolve(state, consume(`new-${i}`, at, 1)))).toBe('accepted')
    }
  })

  it('hands the window on along a chain of evolve calls and to each branch', () => {
    const events = windowEvents()
    const state = replay(events)
    const a = evolve(state, consume('x', '2025-01-10T13:00:00Z', 1))
    const b = evolve(state, consume('y', '2025-01-10T13:00:00Z', 1))
    expect(code(() => evolve(a, consume('x', '2025-01-10T14:00:00Z', 1)))).toBe('DUPLICATE_EVENT')
    expect(code(() => evolve(a, consume('y', '2025-01-10T14:00:00Z', 1)))).toBe('accepted')
    expect(code(() => evolve(b, consume('x', '2025-01-10T14:00:00Z', 1)))).toBe('accepted')
    expect(code(() => evolve(state, consume('x', '2025-01-10T14:00:00Z', 1)))).toBe('accepted')
    expect(code(() => evolve(state, consume(events[1]!.id, '2025-01-10T14:00:00Z', 1)))).toBe('DUPLICATE_EVENT')
  })
})

// The window's index moves from a state to the state folded from it; a
// branch from an older state rebuilds its own. Either way, what a state
// refuses is what its own window holds.
describe('the window index across branches and long histories', () => {
  // Folded in each test, never while vitest collects the file (Stryker would
  // count that as static coverage).
  const baseState = () => replay(history('acc-1').start(basic, '2025-01-10T09:00:00Z').consume(1, '+1h').events)

  it('does not take an id applied by a sibling branch at the same instant for a duplicate', () => {
    const base = baseState()
    const at = '2025-01-10T11:00:00.000Z'
    const left = evolve(evolve(base, consume('l1', at)), consume('l2', at))
    const right = evolve(base, consume('r1', at))
    expect(code(() => evolve(right, consume('l2', at)))).toBe('accepted')
    expect(code(() => evolve(right, consume('l1', at)))).toBe('accepted')
    expect(code(() => evolve(left, consume('r1', at)))).toBe('accepted')
    expect(code(() => evolve(left, consume('l1', at)))).toBe('DUPLICATE_EVENT')
    expect(code(() => evolve(right, consume('r1', at)))).toBe('DUPLICATE_EVENT')
  })

  it('still refuses an id of an older state after a later state applied it again beyond the window', () => {
    const base = baseState()
    const older = evolve(base, consume('x', '2025-01-10T12:00:00Z'))
    // Two days on, the id is out of the window and may be applied again.
    const later = evolve(evolve(older, consume('y', '2025-01-12T12:00:00Z')), consume('x', '2025-01-12T13:00:00Z'))
    expect(later.window.flat().map((entry) => entry.id)).toEqual(['y', 'x'])
    expect(code(() => evolve(older, consume('x', '2025-01-10T13:00:00Z')))).toBe('DUPLICATE_EVENT')
    expect(decide({ type: 'ConsumeCredits', id: 'x', accountId: 'acc-1', at: '2025-01-10T13:00:00Z', data: { amount: 1 } }, older)).toEqual([])
    expect(code(() => evolve(later, consume('x', '2025-01-12T14:00:00Z')))).toBe('DUPLICATE_EVENT')
  })

  it('gives the same states and refusals over a long history as an index built afresh', () => {
    const base = baseState()
    let state = base
    const start = Date.parse('2025-01-10T11:00:00Z')
    // One event a minute for five days: 7,200 ids applied, 1,440 in the window.
    for (let i = 1; i <= 7_200; i++) state = evolve(state, consume(`c${i}`, new Date(start + i * 60_000).toISOString()))
    expect(state.window.flat().length).toBe(1_440)
    // A state read back from JSON builds its own index, and folds the same.
    const restored = parseState(JSON.parse(JSON.stringify(state)))
    const next = consume('next', new Date(start + 7_201 * 60_000).toISOString())
    expect(evolve(restored, next)).toEqual(evolve(state, next))
    expect(code(() => evolve(restored, consume('c7000', next.at)))).toBe('DUPLICATE_EVENT')
    expect(code(() => evolve(state, consume('c5000', next.at)))).toBe('accepted')
  })
})
