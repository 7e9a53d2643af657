import { describe, expect, it } from 'vitest'
import { decide, decider, evolve, initialState, type AccountState, type CreditCommand, type CreditEvent } from '../../src/index.js'
import { history } from '../../src/testing/index.js'
import { BASIC } from '../support/plans.js'

/**
 * What Emmett's DeciderSpecification.for does with a decider: fold the given
 * events from initialState() with evolve, then decide the command.
 */
function emmettStyle(d: {
  decide: (command: CreditCommand, state: AccountState) => CreditEvent | CreditEvent[]
  evolve: (state: AccountState, event: CreditEvent) => AccountState
  initialState: () => AccountState
}) {
  return (given: CreditEvent[]) => ({
    when: (command: CreditCommand) => {
      const events = d.decide(command, given.reduce(d.evolve, d.initialState()))
      return Array.isArray(events) ? events : [events]
    },
  })
}

describe('decider', () => {
  it('is the default ledger’s decide and evolve, and the initial state as a function (Emmett’s shape)', () => {
    expect(decider.decide).toBe(decide)
    expect(decider.evolve).toBe(evolve)
    expect(decider.initialState()).toBe(initialState)
    expect(decider.getInitialState()).toBe(initialState)
    expect(Object.isFrozen(decider)).toBe(true)
  })

  it('runs a given/when specification written for Emmett', () => {
    const given = history('acc-1').start(BASIC, '2025-01-10T09:00:00Z').consume(60, '+10d').events
    const command: CreditCommand = { type: 'ConsumeCredits', id: 'c-1', accountId: 'acc-1', at: '2025-01-25T00:00:00Z', data: { amount: 40 } }
    expect(emmettStyle(decider)(given).when(command)).toEqual([
      { type: 'CreditsConsumed', id: 'c-1', accountId: 'acc-1', at: '2025-01-25T00:00:00Z', data: { amount: 40 } },
    ])
    expect(() => emmettStyle(decider)(given).when({ ...command, data: { amount: 41 } })).toThrow(
      expect.objectContaining({ code: 'INSUFFICIENT_CREDITS' }),
    )
  })
})
