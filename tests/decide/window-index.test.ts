import { describe, expect, it } from 'vitest'
import { decide, evolve, isCreditLedgerError, replay, type CreditEvent } from '../../src/index.js'
import { history } from '../../src/testing/index.js'
import { basic } from './plans.js'

// decide's what-if folds must leave the window of the state they judge
// intact: the ids it holds stay duplicates for evolve, and for decide again.
describe('the idempotency window across decide and evolve on one state', () => {
  const events = history('acc-1').start(basic, '2025-01-10T09:00:00Z').consume(10, '+1h').consume(5, '+1h').events
  const state = replay(events)
  const code = (f: () => unknown) => {
    try {
      f()
      return 'accepted'
    } catch (e) {
      return isCreditLedgerError(e) ? e.code : String(e)
    }
  }
  const consume = (id: string, at: string, amount: number) =>
    ({ type: 'CreditsConsumed', id, accountId: 'acc-1', at, data: { amount } }) as CreditEvent

  it('keeps refusing the ids of the window after any number of decisions', () => {
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
    const a = evolve(state, consume('x', '2025-01-10T13:00:00Z', 1))
    const b = evolve(state, consume('y', '2025-01-10T13:00:00Z', 1))
    expect(code(() => evolve(a, consume('x', '2025-01-10T14:00:00Z', 1)))).toBe('DUPLICATE_EVENT')
    expect(code(() => evolve(a, consume('y', '2025-01-10T14:00:00Z', 1)))).toBe('accepted')
    expect(code(() => evolve(b, consume('x', '2025-01-10T14:00:00Z', 1)))).toBe('accepted')
    expect(code(() => evolve(state, consume('x', '2025-01-10T14:00:00Z', 1)))).toBe('accepted')
    expect(code(() => evolve(state, consume(events[1]!.id, '2025-01-10T14:00:00Z', 1)))).toBe('DUPLICATE_EVENT')
  })
})
