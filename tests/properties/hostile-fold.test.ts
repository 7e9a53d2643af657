/**
 * Nothing a caller passes corrupts a state, for the functions that fold
 * input no edge has validated (issue 13 §1, SPEC §5 as amended): `replay`,
 * `evolve`, `advanceTo`, `replayAll` / `statement` / `report` with
 * `trusted: true` or `from` states, and `decide` against a hostile state.
 *
 * The fold calls the guards of src/events/guards.ts on every event, and
 * reads a state it did not make with `parseState` (src/state/readState.ts).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  advanceTo,
  createLedger,
  decide,
  evolve,
  initialState,
  parseState,
  replay,
  replayAll,
  report,
  statement,
  type AccountState,
  type CreditEvent,
} from '../../src/index.js'
import { expectError, unfrozenPaths } from '../support/assertions.js'
import { consumed, purchased, started } from '../support/events.js'
import { BASIC, planCopy, usd } from '../support/plans.js'
import {
  applyMutation,
  arbitraryInput,
  checkCall,
  drainAll,
  expectReadsBack,
  hostileValue,
  HUGE,
  json,
  mutation,
  RUNS,
  tallies,
  validCommands,
  validEvents,
  validStates,
} from './hostile.js'


const AT = '2025-01-10T09:00:00Z'
/** A state with a subscription and an extra bucket, as the library made it (frozen). */
function libraryState(): AccountState {
  return replay([started('s-1', AT, BASIC), purchased('s-2', AT, 10), consumed('s-3', AT, 60)])
}

describe('hostile input to the fold', () => {
  const tally = tallies('hostile-fold')

  describe('properties', () => {
    it('replay and evolve take mutated events', () => {
      const t = tally('replay/evolve: mutated events')
      const states = validStates().map((s) => parseState(s))
      fc.assert(
        fc.property(mutation(7), fc.nat(states.length - 1), (m, s) => {
          const events = validEvents()
          const bad = applyMutation(events, m)
          checkCall(t, 'replay', [events], () => replay(events))
          checkCall(t, 'evolve', [bad], () => evolve(states[s]!, bad))
          checkCall(t, 'evolve (initial)', [bad], () => evolve(initialState, bad))
        }),
        { numRuns: RUNS },
      )
    })

    it('replay, evolve and advanceTo take arbitrary input', () => {
      const t = tally('replay/evolve/advanceTo: arbitrary input')
      const state = libraryState()
      fc.assert(
        fc.property(arbitraryInput, (input) => {
          checkCall(t, 'replay', [input], () => replay(input as Iterable<CreditEvent>))
          checkCall(t, 'replay [input]', [input], () => replay([input as CreditEvent]))
          checkCall(t, 'evolve', [input], () => evolve(state, input as CreditEvent))
          checkCall(t, 'evolve (state)', [input], () => evolve(input as AccountState, consumed('x', '2025-02-01T00:00:00Z', 1)))
          checkCall(t, 'advanceTo', [input], () => advanceTo(state, input as string))
          checkCall(t, 'advanceTo (state)', [input], () => advanceTo(input as AccountState, '2025-06-01T00:00:00Z'))
          checkCall(t, 'replay (from)', [input], () => replay([], input as AccountState))
        }),
        { numRuns: RUNS },
      )
    })

    it('replay, evolve, advanceTo and decide take mutated states', () => {
      const t = tally('replay/evolve/advanceTo/decide: mutated states')
      fc.assert(
        fc.property(mutation(5), (m) => {
          const states = validStates()
          const bad = applyMutation(states, m)
          const next = consumed('n-1', '2025-04-01T00:00:00Z', 3)
          checkCall(t, 'replay (from)', [bad], () => replay([next], bad))
          checkCall(t, 'evolve', [bad], () => evolve(bad, next))
          checkCall(t, 'advanceTo', [bad], () => advanceTo(bad, '2025-06-01T00:00:00Z'))
          checkCall(t, 'decide', [bad], () => decide(validCommands()[0] as never, bad))
        }),
        { numRuns: RUNS },
      )
    })

    it('replayAll, statement and report trusted, and with hostile from states', () => {
      const t = tally('replayAll/statement/report trusted, from: mutated events and states')
      fc.assert(
        fc.property(mutation(7), mutation(5), (me, ms) => {
          const events = validEvents()
          applyMutation(events, me)
          checkCall(t, 'replayAll trusted', [events], () => replayAll(events, { trusted: true }))
          checkCall(t, 'statement trusted', [events], () => drainAll(statement(events, { trusted: true })))
          checkCall(t, 'report trusted', [events], () => report(events, { period: 'month', trusted: true }))
          const state = applyMutation(validStates(), ms)
          const from = new Map([['acc-1', state]])
          const tail = [consumed('t-1', '2025-06-01T00:00:00Z', 2)]
          checkCall(t, 'replayAll from', [state], () => replayAll(tail, { from }))
          checkCall(t, 'statement from', [state], () => drainAll(statement(tail, { from })))
        }),
        { numRuns: RUNS },
      )
    })

    it('replayAll (top level) takes hostile options', () => {
      const t = tally('replayAll: hostile options')
      const events = validEvents()
      fc.assert(
        fc.property(fc.oneof(arbitraryInput, fc.record({ from: hostileValue, trusted: hostileValue }, { requiredKeys: [] })), (options) => {
          checkCall(t, 'replayAll', [options], () => replayAll(events, options as never))
        }),
        { numRuns: RUNS },
      )
    })
  })

  describe('the cases of the issue', () => {
    const history = () => [started('e-1', AT, planCopy(BASIC)), consumed('e-2', '2025-01-11T00:00:00Z', 60)]

    it('a CreditsConsumed of -5 is INVALID_EVENT naming data.amount (it took totals.consumed 60 → 55)', () => {
      const events = [...history(), consumed('e-3', '2025-01-12T00:00:00Z', -5)]
      expect(expectError(() => replay(events), 'INVALID_EVENT').field).toBe('data.amount')
      expect(expectError(() => evolve(replay(history()), events[2]!), 'INVALID_EVENT').field).toBe('data.amount')
    })

    it.each([[2.5], [NaN], [0], [true], [null], ['40'], [Infinity]])('an amount of %s is INVALID_EVENT, not AMOUNT_OVERFLOW', (amount) => {
      const event = { ...consumed('e-3', '2025-01-12T00:00:00Z', 1), data: { amount } } as unknown as CreditEvent
      const error = expectError(() => evolve(replay(history()), event), 'INVALID_EVENT')
      expect(error.field).toBe('data.amount')
      expect(error.eventId).toBe('e-3')
    })

    it('a float plan price (29.99) is INVALID_EVENT naming data.plan.price.amount, not a dinero.js Error', () => {
      const event = started('e-1', AT, { id: 'basic', monthlyCredits: 100, price: usd(29.99) })
      const error = expectError(() => replay([event]), 'INVALID_EVENT')
      expect(error.field).toBe('data.plan.price.amount')
      expect(error.eventId).toBe('e-1')
    })

    it('missing data is INVALID_EVENT naming data, not a TypeError', () => {
      const { data: _data, ...rest } = consumed('e-3', '2025-01-12T00:00:00Z', 1)
      expect(expectError(() => evolve(replay(history()), rest as CreditEvent), 'INVALID_EVENT').field).toBe('data')
      expect(expectError(() => replay([rest as CreditEvent]), 'INVALID_EVENT').field).toBe('data')
    })

    it('a 10 MB id is refused by replay and evolve (never kept in the window), with a short message', () => {
      const event = consumed(HUGE, '2025-01-12T00:00:00Z', 1)
      for (const call of [() => replay([...history(), event]), () => evolve(replay(history()), event)]) {
        const error = expectError(call, 'INVALID_EVENT')
        expect(error.field).toBe('id')
        expect(error.message.length).toBeLessThan(300)
      }
    })

    it('a currency "ZZZ" is INVALID_EVENT naming the field, not a TypeError nor CURRENCY_MISMATCH', () => {
      const first = started('e-1', AT, { id: 'basic', monthlyCredits: 100, price: { amount: 2900, currency: 'ZZZ' } })
      expect(expectError(() => replay([first]), 'INVALID_EVENT').field).toBe('data.plan.price.currency')
      const later = purchased('e-3', '2025-01-12T00:00:00Z', 5, { amount: 125, currency: 'ZZZ' })
      expect(expectError(() => evolve(replay(history()), later), 'INVALID_EVENT').field).toBe('data.unitPrice.currency')
    })

    it('a BigInt amount is INVALID_EVENT, not a TypeError', () => {
      const event = { ...consumed('e-3', '2025-01-12T00:00:00Z', 1), data: { amount: 5n } } as unknown as CreditEvent
      expect(expectError(() => evolve(replay(history()), event), 'INVALID_EVENT').field).toBe('data.amount')
      const price = { ...purchased('e-3', '2025-01-12T00:00:00Z', 5), data: { quantity: 5, unitPrice: { amount: 125n, currency: 'USD' } } } as unknown as CreditEvent
      expect(expectError(() => evolve(replay(history()), price), 'INVALID_EVENT').field).toBe('data.unitPrice.amount')
    })

    it('a non-string accountId is INVALID_EVENT, not ACCOUNT_MISMATCH', () => {
      const event = { ...consumed('e-3', '2025-01-12T00:00:00Z', 1), accountId: 7 } as unknown as CreditEvent
      expect(expectError(() => evolve(replay(history()), event), 'INVALID_EVENT').field).toBe('accountId')
      expect(expectError(() => replay([event]), 'INVALID_EVENT').field).toBe('accountId')
    })

    it('refuses what was accepted before: monthlyCredits 0, unitPrice.amount −1, scale 13, a numeric id', () => {
      const state = replay(history())
      const cases: [CreditEvent, string][] = [
        [started('x', AT, { id: 'p', monthlyCredits: 0, price: usd(1) }), 'data.plan.monthlyCredits'],
        [purchased('x', '2025-01-12T00:00:00Z', 5, usd(-1)), 'data.unitPrice.amount'],
        [purchased('x', '2025-01-12T00:00:00Z', 5, { amount: 1, currency: 'USD', scale: 13 }), 'data.unitPrice.scale'],
        [{ ...consumed('x', '2025-01-12T00:00:00Z', 1), id: 42 } as unknown as CreditEvent, 'id'],
      ]
      for (const [event, field] of cases) {
        const from = event.type === 'SubscriptionStarted' ? initialState : state
        expect(expectError(() => evolve(from, event), 'INVALID_EVENT').field).toBe(field)
      }
    })

    it('evolve neither freezes nor changes an object of the caller\'s', () => {
      const plan = planCopy(BASIC)
      const event = started('e-1', AT, plan)
      const before = structuredClone(event)
      const state = evolve(initialState, event)
      expect(event).toEqual(before)
      expect(Object.isFrozen(event)).toBe(false)
      expect(Object.isFrozen(event.data)).toBe(false)
      expect(Object.isFrozen(plan)).toBe(false)
      expect(Object.isFrozen(plan.price)).toBe(false)
      const price = usd(125)
      const purchase = purchased('e-2', AT, 5, price)
      evolve(state, purchase)
      expect(Object.isFrozen(purchase.data.unitPrice)).toBe(false)
      expect(Object.isFrozen(purchase.data)).toBe(false)
    })

    it('evolve, replay and advanceTo do not freeze a JSON state of the caller\'s (immer would freeze what it shares)', () => {
      const restored = json(replay(history()))
      evolve(restored, consumed('e-3', '2025-01-12T00:00:00Z', 1))
      replay([consumed('e-3', '2025-01-12T00:00:00Z', 1)], restored)
      advanceTo(restored, '2025-03-01T00:00:00Z')
      expect(Object.isFrozen(restored)).toBe(false)
      expect(Object.isFrozen(restored.subscription)).toBe(false)
      expect(Object.isFrozen(restored.subscription!.plan)).toBe(false)
      expect(Object.isFrozen(restored.buckets)).toBe(false)
    })

    it('evolve freezes bucket.unitPrice as replay does', () => {
      const state = evolve(replay(history()), purchased('e-3', '2025-01-12T00:00:00Z', 5, usd(125)))
      expect(unfrozenPaths(state)).toEqual([])
      const replayed = replay([...history(), purchased('e-3', '2025-01-12T00:00:00Z', 5, usd(125))])
      expect(unfrozenPaths(replayed)).toEqual([])
    })

    it('states from {}, null or a string are INVALID_STATE in replay, evolve, advanceTo and decide, never a TypeError', () => {
      for (const bad of [{}, null, 'state', 42, { ...json(initialState), buckets: null }]) {
        expectError(() => replay([consumed('e', AT, 1)], bad as never), 'INVALID_STATE')
        expectError(() => evolve(bad as never, consumed('e', AT, 1)), 'INVALID_STATE')
        expectError(() => advanceTo(bad as never, AT), 'INVALID_STATE')
        expectError(() => decide(validCommands()[0] as never, bad as never), 'INVALID_STATE')
      }
    })

    it('a state the library made continues to read back after a hostile event is refused (nothing half-applied)', () => {
      const state = replay(history())
      const snapshot = JSON.stringify(state)
      expectError(() => evolve(state, consumed('e-3', '2025-01-12T00:00:00Z', -5)), 'INVALID_EVENT')
      expect(JSON.stringify(state)).toBe(snapshot)
      expectReadsBack(state, 'state')
    })

    it('a ledger binds the same guards', () => {
      const ledger = createLedger({ idempotencyWindowMs: 1000 })
      expect(expectError(() => ledger.replay([consumed('e', AT, -5)]), 'INVALID_EVENT').field).toBe('data.amount')
    })
  })
})
