/**
 * Nothing a caller passes corrupts a state (issue 13 §1, SPEC §5 as amended),
 * for the public functions whose checks are at the edge (zod validation,
 * options, arguments) and for `balance`, `parseState`: arbitrary JSON and
 * anything, and mutated valid inputs. See tests/properties/hostile-fold.test.ts
 * for the functions that fold unvalidated input (`replay`, `evolve`, …).
 *
 * Each property prints its counts (numRuns, calls, and how many ended as a
 * result vs each error code).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { show } from '../../src/errors.js'
import { parseCommand } from '../../src/decide/parseCommand.js'
import {
  balance,
  createLedger,
  decide,
  initialState,
  parseEvent,
  parseState,
  quoteExtraCredits,
  replay,
  replayAll,
  report,
  statement,
  type AccountState,
  type CreditEvent,
  type Plan,
} from '../../src/index.js'
import { history } from '../../src/testing/index.js'
import { expectError } from '../support/assertions.js'
import {
  applyMutation,
  arbitraryInput,
  checkCall,
  drainAll,
  expectReadsBack,
  hostileValue,
  HUGE,
  json,
  mutateAt,
  mutation,
  RUNS,
  tallies,
  validCommands,
  validEvents,
  validOptions,
  validStates,
} from './hostile.js'

const tally = tallies('hostile-input')

function expectEntries(entries: unknown): void {
  for (const e of entries as { credits: number; balanceAfter: number }[]) {
    expect(Number.isSafeInteger(e.credits) && e.credits !== 0).toBe(true)
    expect(Number.isSafeInteger(e.balanceAfter)).toBe(true)
  }
}

function expectBalance(result: unknown): void {
  const b = result as { available: number; deficit: number; bySource: Record<string, number> }
  for (const n of [b.available, b.deficit, ...Object.values(b.bySource)]) expect(Number.isSafeInteger(n) && n >= 0).toBe(true)
}

describe('hostile input to the functions that validate at the edge', () => {
  it('parseEvent, replayAll, statement and report (validating) take arbitrary input or mutated events', () => {
    const t = tally('parseEvent/replayAll/statement/report: mutated events')
    fc.assert(
      fc.property(mutation(7), (m) => {
        const events = validEvents()
        const bad = applyMutation(events, m)
        checkCall(t, 'parseEvent', [bad], () => parseEvent(bad))
        checkCall(t, 'replayAll', [events], () => replayAll(events))
        checkCall(t, 'statement', [events], () => drainAll(statement(events)), expectEntries)
        checkCall(t, 'report', [events], () => report(events, { period: 'month' }))
      }),
      { numRuns: RUNS },
    )
    const a = tally('parseEvent/replayAll/statement/report: arbitrary input')
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        checkCall(a, 'parseEvent', [input], () => parseEvent(input))
        checkCall(a, 'replayAll', [input], () => replayAll(input as Iterable<unknown>))
        checkCall(a, 'replayAll [input]', [input], () => replayAll([input]))
        checkCall(a, 'statement', [input], () => drainAll(statement(input as Iterable<unknown>)))
        checkCall(a, 'statement [input]', [input], () => drainAll(statement([input])))
        checkCall(a, 'report', [input], () => report([input], { period: 'day' }))
      }),
      { numRuns: RUNS },
    )
  })

  it('report, statement and a ledger\'s replayAll take hostile options', () => {
    const t = tally('report/statement/ledger.replayAll: hostile options')
    const events = validEvents()
    fc.assert(
      fc.property(
        fc.oneof(arbitraryInput, fc.record({ period: fc.oneof(fc.constantFrom('month', 'day'), hostileValue), from: hostileValue, to: hostileValue, trusted: hostileValue }, { requiredKeys: [] })),
        (options) => {
          checkCall(t, 'report', [options], () => report(events, options as never))
          checkCall(t, 'statement', [options], () => drainAll(statement(events, options as never)))
          checkCall(t, 'ledger.replayAll', [options], () => createLedger().replayAll(events, options as never))
        },
      ),
      { numRuns: RUNS },
    )
  })

  it('parseState and balance take arbitrary input and mutated states', () => {
    const t = tally('parseState/balance: mutated states')
    fc.assert(
      fc.property(mutation(5), (m) => {
        const states = validStates()
        const bad = applyMutation(states, m)
        checkCall(t, 'parseState', [bad], () => parseState(bad))
        checkCall(t, 'balance', [bad], () => balance(bad), expectBalance)
      }),
      { numRuns: RUNS },
    )
    const b = tally('parseState/balance: a hostile field of a bucket, deficit or buckets')
    fc.assert(
      fc.property(fc.constantFrom('remaining', 'source', 'granted', '(bucket)', '(deficit)', '(buckets)'), hostileValue, (field, value) => {
        const state = validStates()[4]! as unknown as Record<string, unknown> & { buckets: Record<string, unknown>[] }
        if (field === '(deficit)') mutateAt(state, ['deficit'], value)
        else if (field === '(buckets)') mutateAt(state, ['buckets'], value)
        else if (field === '(bucket)') mutateAt(state, ['buckets', '0'], value)
        else mutateAt(state, ['buckets', '0', field], value)
        checkCall(b, 'parseState', [state], () => parseState(state))
        checkCall(b, 'balance', [state], () => balance(state as never), expectBalance)
      }),
      { numRuns: RUNS },
    )
    const a = tally('parseState/balance: arbitrary input')
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        checkCall(a, 'parseState', [input], () => parseState(input))
        checkCall(a, 'balance', [input], () => balance(input as AccountState), expectBalance)
      }),
      { numRuns: RUNS },
    )
  })

  it('decide and parseCommand take mutated commands (against valid states)', () => {
    const t = tally('decide/parseCommand: mutated commands')
    const states = [initialState, ...validStates().map((s) => parseState(s))]
    fc.assert(
      fc.property(mutation(4), fc.nat(states.length - 1), (m, s) => {
        const commands = validCommands()
        const bad = applyMutation(commands, m)
        checkCall(t, 'parseCommand', [bad], () => parseCommand(bad))
        checkCall(t, 'decide', [bad], () => decide(bad as never, states[s]!), (events) => {
          // The events decide returns are accepted by the fold.
          expectReadsBack(replay(events as CreditEvent[], states[s]!), 'replay of decide')
        })
      }),
      { numRuns: RUNS },
    )
    const a = tally('decide: arbitrary command')
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        checkCall(a, 'decide', [input], () => decide(input as never, initialState))
      }),
      { numRuns: RUNS },
    )
  })

  it('createLedger and quoteExtraCredits take arbitrary and mutated options and quantities', () => {
    const t = tally('createLedger/quoteExtraCredits: mutated options, hostile quantity')
    fc.assert(
      fc.property(mutation(1), fc.oneof(fc.integer({ min: 1, max: 1000 }), hostileValue), (m, quantity) => {
        const options = applyMutation([validOptions()], m)
        checkCall(t, 'createLedger', [options], () => createLedger(options))
        checkCall(t, 'quoteExtraCredits', [options, quantity], () => quoteExtraCredits(quantity as number, options))
        checkCall(t, 'ledger.quoteExtraCredits', [quantity], () => createLedger().quoteExtraCredits(quantity as number))
      }),
      { numRuns: RUNS },
    )
    const a = tally('createLedger/quoteExtraCredits: arbitrary input')
    fc.assert(
      fc.property(arbitraryInput, arbitraryInput, (options, quantity) => {
        checkCall(a, 'createLedger', [options], () => createLedger(options as never))
        checkCall(a, 'quoteExtraCredits', [quantity, options], () => quoteExtraCredits(quantity as number, options as never))
      }),
      { numRuns: RUNS },
    )
  })

  it('the history() builder takes hostile account ids, plans, amounts, instants and reasons', () => {
    const t = tally('history builder: hostile arguments')
    const plan = (): Plan => json({ id: 'basic', monthlyCredits: 100, price: { amount: 2900, currency: 'USD' } })
    fc.assert(
      fc.property(
        fc.oneof(fc.constant('acc-1'), hostileValue),
        mutation(1),
        fc.oneof(fc.integer({ min: 1, max: 500 }), hostileValue),
        fc.oneof(fc.constant(undefined), fc.constantFrom('+1d', '+1mo', '2025-03-01T00:00:00Z'), hostileValue),
        fc.oneof(fc.constant(undefined), hostileValue),
        (accountId, m, amount, at, reason) => {
          const bad = applyMutation([plan()], m)
          checkCall(t, 'history', [accountId], () => history(accountId as string))
          checkCall(t, 'history (options)', [reason], () => history('acc-1', reason as never).buyExtra(1).state)
          checkCall(t, 'history (ledger)', [reason], () => history('acc-1', { ledger: reason as never }).buyExtra(1).state)
          const h = history('acc-1').start(plan(), '2025-01-01T00:00:00Z')
          checkCall(t, 'history.start', [bad, at], () => history('acc-2').start(bad, at as string).state)
          checkCall(t, 'history.upgrade', [bad, at], () => h.upgrade(bad, at as string).state)
          checkCall(t, 'history.consume', [amount, at, reason], () => h.consume(amount as number, at as string, reason as string).state)
          checkCall(t, 'history.buyExtra', [amount, at], () => h.buyExtra(amount as number, at as string).state)
        },
      ),
      { numRuns: RUNS },
    )
  })
})

describe('the cases of the issue that the edge and the queries fix', () => {
  it('balance() of a JSON state whose remaining is "40" is INVALID_STATE, not available "04010"', () => {
    const state = validStates()[2]!
    ;(state.buckets[0] as { remaining: unknown }).remaining = '40'
    const error = expectError(() => balance(state), 'INVALID_STATE')
    expect(error.field).toBe('buckets.0.remaining')
    expect(error.message).toContain('"40"')
  })

  it('balance() of {}, null, a string or a number is INVALID_STATE, never a TypeError', () => {
    for (const input of [{}, null, undefined, 'state', 42, [], { buckets: [null], deficit: 0 }, { buckets: [], deficit: -1 }]) {
      expectError(() => balance(input as never), 'INVALID_STATE')
    }
  })

  it('parseState of {}, null, a string, a number, an array is INVALID_STATE', () => {
    for (const input of [{}, null, undefined, 'state', 42, [], 10n]) expectError(() => parseState(input), 'INVALID_STATE')
  })

  it('a state in late 9998 whose periodEnd is in 9999 reads back, and continues as the original', () => {
    const plan = { id: 'basic', monthlyCredits: 100, price: { amount: 2900, currency: 'USD' } }
    const h = history('acc-1').start(plan, '9998-11-20T00:00:00Z').consume(10, '+30d')
    expect(h.state.subscription?.periodEnd).toBe('9999-01-20T00:00:00.000Z')
    const restored = parseState(json(h.state))
    expect(restored).toEqual(h.state)
    const tail: CreditEvent[] = [{ type: 'CreditsConsumed', id: 'x', accountId: 'acc-1', at: '9998-12-31T23:59:59.999Z', data: { amount: 5 } }]
    expect(replay(tail, restored)).toEqual(replay([...h.events, ...tail]))
  })

  it('parseState still refuses a malformed instant in 9999, an anchor or clock in 9999, a period beyond 9999', () => {
    const state = json(history('acc-1').start({ id: 'p', monthlyCredits: 1, price: { amount: 1, currency: 'USD' } }, '9998-12-15T00:00:00Z').state)
    expect(parseState(json(state)).subscription?.periodEnd).toBe('9999-01-15T00:00:00.000Z')
    for (const [path, value] of [
      ['subscription.periodEnd', '9999-02-29T00:00:00.000Z'],
      ['subscription.periodEnd', '9999-02-15T00:00:00.000Z'],
      ['subscription.anchor', '9999-01-01T00:00:00.000Z'],
      ['clock', '9999-01-01T00:00:00.000Z'],
      ['buckets.0.expiresAt', '9999-13-01T00:00:00.000Z'],
      ['subscription.period', 1e15],
    ] as const) {
      const bad = json(state) as unknown as Record<string, Record<string, unknown>>
      const keys = path.split('.')
      let target: Record<string, unknown> = bad
      for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>
      target[keys.at(-1)!] = value
      const error = expectError(() => parseState(bad), 'INVALID_STATE')
      expect(error.field).toMatch(/^(subscription|clock|buckets)/)
    }
  })

  it('parseEvent carries an own "__proto__" key of meta through, and keeps refusing a bad meta', () => {
    const input = JSON.parse(
      '{"type":"CreditsConsumed","id":"e-1","accountId":"acc-1","at":"2025-01-01T00:00:00Z","data":{"amount":1},"meta":{"__proto__":{"x":1},"k":2}}',
    )
    const event = parseEvent(input)
    expect(Object.hasOwn(event.meta!, '__proto__')).toBe(true)
    expect(Object.getPrototypeOf(event.meta)).toBe(Object.prototype)
    expect(JSON.stringify(event.meta)).toBe('{"__proto__":{"x":1},"k":2}')
    expect(({} as Record<string, unknown>).x).toBeUndefined()
    expectError(() => parseEvent({ ...input, meta: [1] }), 'INVALID_EVENT')
    expectError(() => parseEvent({ ...input, meta: 'm' }), 'INVALID_EVENT')
    const inData = JSON.parse('{"type":"CreditsConsumed","id":"e-1","accountId":"acc-1","at":"2025-01-01T00:00:00Z","data":{"amount":1,"__proto__":{}}}')
    expect(expectError(() => parseEvent(inData), 'INVALID_EVENT').field).toBe('data.__proto__')
  })

  it('parseCommand carries an own "__proto__" key of meta through too', () => {
    const input = JSON.parse(
      '{"type":"ConsumeCredits","id":"c-1","accountId":"acc-1","at":"2025-01-01T00:00:00Z","data":{"amount":1},"meta":{"__proto__":{"x":1}}}',
    )
    const command = parseCommand(input) as { meta?: object }
    expect(Object.hasOwn(command.meta!, '__proto__')).toBe(true)
  })

  it('a 10 MB id through parseEvent is refused with a message of at most a few hundred characters', () => {
    const error = expectError(
      () => parseEvent({ type: 'CreditsConsumed', id: HUGE, accountId: 'acc-1', at: '2025-01-01T00:00:00Z', data: { amount: 1 } }),
      'INVALID_EVENT',
    )
    expect(error.field).toBe('id')
    expect(error.message.length).toBeLessThan(300)
    expect(error.message).toContain(`"${'x'.repeat(64)}"…`)
    expect(error.message).not.toContain('x'.repeat(65))
  })

  it('a 10 MB unknown key is named in at most 64 characters', () => {
    const error = expectError(
      () => parseEvent({ type: 'CreditsConsumed', id: 'e', accountId: 'acc-1', at: '2025-01-01T00:00:00Z', data: { amount: 1, [HUGE]: 1 } }),
      'INVALID_EVENT',
    )
    expect(error.message.length).toBeLessThan(300)
  })

  it('createLedger, quoteExtraCredits, report and history quote at most 64 characters of a 10 MB value', () => {
    const errors = [
      expectError(() => createLedger({ extraCreditPrice: { amount: 1, currency: HUGE } }), 'INVALID_OPTIONS'),
      expectError(() => quoteExtraCredits(HUGE as never), 'INVALID_ARGUMENT'),
      expectError(() => report([], { period: HUGE as never }), 'INVALID_ARGUMENT'),
      expectError(() => history(HUGE), 'INVALID_ARGUMENT'),
      expectError(() => history('acc-1').consume(1, HUGE), 'INVALID_ARGUMENT'),
      expectError(() => decide({ type: 'ConsumeCredits', id: HUGE, accountId: 'a', at: '2025-01-01T00:00:00Z', data: { amount: 1 } } as never, initialState), 'INVALID_COMMAND'),
    ]
    for (const error of errors) expect(error.message.length, error.message.slice(0, 100)).toBeLessThan(300)
  })
})

describe('show()', () => {
  it('quotes at most 64 characters of a string, then …', () => {
    expect(show('abc')).toBe('"abc"')
    expect(show('y'.repeat(64))).toBe(`"${'y'.repeat(64)}"`)
    expect(show('y'.repeat(65))).toBe(`"${'y'.repeat(64)}"…`)
    expect(show(HUGE)).toBe(`"${'x'.repeat(64)}"…`)
  })
  it('shows numbers as they are (NaN, Infinity, -0 as 0, BigInt with n), undefined, null, booleans', () => {
    expect([NaN, Infinity, -Infinity, 2.5, 0, 10n, undefined, null, true].map(show)).toEqual([
      'NaN', 'Infinity', '-Infinity', '2.5', '0', '10n', 'undefined', 'null', 'true',
    ])
  })
  it('shows small objects as JSON, cuts large ones at 64 characters without serialising them whole', () => {
    expect(show({ amount: 1, currency: 'USD' })).toBe('{"amount":1,"currency":"USD"}')
    expect(show({ a: undefined, b: [1, 'x'] })).toBe('{"b":[1,"x"]}')
    const big = Array.from({ length: 1_000_000 }, (_, i) => i)
    const text = show(big)
    expect(text.length).toBeLessThanOrEqual(65)
    expect(text.endsWith('…')).toBe(true)
    expect(show({ nested: HUGE }).length).toBeLessThanOrEqual(65)
  })
  it('never throws: cycles, throwing getters, null prototypes, symbols', () => {
    const cycle: Record<string, unknown> = {}
    cycle.self = cycle
    expect(show(cycle).length).toBeLessThanOrEqual(65)
    const getter = Object.defineProperty({}, 'x', { enumerable: true, get: () => { throw new Error('no') } })
    expect(typeof show(getter)).toBe('string')
    expect(show(Object.assign(Object.create(null), { a: 1 }))).toBe('{"a":1}')
    expect(show(Symbol('s'))).toBe('Symbol(s)')
    expect(show(new Date(Date.UTC(2025, 0, 1)))).toBe('2025-01-01T00:00:00.000Z')
    expect(show(new String(HUGE))).toBe(`"${'x'.repeat(63)}…`)
    expect(show(new Uint8Array(10_000_000))).toBe('Uint8Array(10000000)')
    expect(show(new Map([[1, 2]]))).toBe('Map(1)')
    expect(show(Symbol(HUGE))).toBe('Symbol(…)')
  })
})
