import assert, { AssertionError } from 'node:assert'
import type { CreditCommand } from '../decide/commands/index.js'
import { isCreditLedgerError, type CreditLedgerError, type ErrorCode, type InsufficientCreditsError } from '../errors.js'
import type { CreditEvent } from '../events/index.js'
import type { Ledger } from '../ledger/createLedger.js'
import type { AccountState } from '../state/types.js'
import { byValue } from './byValue.js'
import { toLedger, type LedgerLike } from './ledger.js'

/** Events, or anything that holds them (a `history(...)` builder). */
export type Events = Iterable<CreditEvent> | { readonly events: readonly CreditEvent[] }

/** The flat balance `thenBalance` compares with. */
export interface FlatBalance {
  readonly available: number
  readonly deficit: number
  readonly subscription: number
  readonly rollover: number
  readonly extra: number
  readonly promotional: number
}

/** The error `thenThrows(code)` returns, typed by its code. */
export type ErrorOf<C extends ErrorCode> = C extends 'INSUFFICIENT_CREDITS'
  ? InsufficientCreditsError
  : CreditLedgerError & { readonly code: C }

/** Options of `given(events, options)`. */
export interface GivenOptions {
  /** The ledger (or its options) the scenario runs with; the default ledger otherwise. */
  readonly ledger?: LedgerLike
}

/** Options of `thenBalance(expected, options)`. */
export interface BalanceOptions {
  /** Advance the clock to this instant first (expiries, renewals) and check the balance then. */
  readonly at?: string
}

/** A history replayed, ready for a command or a check of its balance. */
export interface Given {
  /** The state the history replays to. */
  readonly state: AccountState
  /** The ledger the scenario runs with. */
  readonly ledger: Ledger
  /** The command to decide against the state. */
  when(command: CreditCommand): When
  /**
   * Asserts the balance as of the state's clock (or `options.at`): a partial of
   * `{ available, deficit, subscription, rollover, extra, promotional }`.
   * @throws AssertionError with a diff of the keys given
   */
  thenBalance(expected: Partial<FlatBalance>, options?: BalanceOptions): void
  /**
   * Asserts something of the state the history replays to.
   *
   * @param predicate - returns `false` to fail (or throws, e.g. with your test framework's `expect`)
   * @param description - what the predicate checks, for the failure's message
   * @throws AssertionError when the predicate returns `false`
   * @example
   * given(history('acc-1').start(basic)).thenState((s) => s.subscription?.plan.id === 'basic')
   */
  thenState(predicate: (state: AccountState) => boolean | void, description?: string): void
}

/** A command decided against a history. */
export interface When {
  /**
   * Asserts that `decide` accepts the command and returns exactly these events
   * (Money compared by value), and that `evolve` accepts them.
   * @throws AssertionError with a diff
   */
  then(expected: readonly CreditEvent[]): void
  /**
   * Asserts that `decide` refuses the command with this code.
   * @returns the error, for further checks (`requested`, `available`, `field`…)
   * @throws AssertionError when it is accepted or refused with another code
   */
  thenThrows<C extends ErrorCode>(code: C): ErrorOf<C>
  /**
   * Asserts that `decide` accepts the command, then checks the balance of
   * the state after its events, as of the command's `at` (or `options.at`).
   *
   * @param expected - a partial of `{ available, deficit, subscription, rollover, extra, promotional }`
   * @param options - `at`: advance the clock further first
   * @throws AssertionError when the command is refused or the balance differs
   * @example
   * given(history('acc-1').start(basic)).when(consume(30)).thenBalance({ available: 70 })
   */
  thenBalance(expected: Partial<FlatBalance>, options?: BalanceOptions): void
  /**
   * Asserts that `decide` accepts the command, then checks the state after
   * its events with `predicate`.
   *
   * @param predicate - returns `false` to fail (or throws)
   * @param description - what the predicate checks, for the failure's message
   * @throws AssertionError when the command is refused or the predicate returns `false`
   * @example
   * given(h).when(upgradeToPro).thenState((s) => s.buckets.some((b) => b.source === 'rollover'))
   */
  thenState(predicate: (state: AccountState) => boolean | void, description?: string): void
  /**
   * Asserts that `decide` accepts the command and records nothing: a retried
   * command (same id, same command, within the idempotency window).
   *
   * @throws AssertionError when it is refused or returns events
   * @example
   * given([...h.events, ...decide(consume, h.state)]).when(consume).thenNothingHappened()
   */
  thenNothingHappened(): void
}

const FLAT_KEYS: readonly (keyof FlatBalance)[] = ['available', 'deficit', 'subscription', 'rollover', 'extra', 'promotional']

function eventsOf(events: Events): readonly CreditEvent[] {
  if (events != null && typeof (events as Iterable<CreditEvent>)[Symbol.iterator] === 'function') {
    return [...(events as Iterable<CreditEvent>)]
  }
  if (events != null && Array.isArray((events as { events?: unknown }).events)) {
    return (events as { events: readonly CreditEvent[] }).events
  }
  throw new TypeError('given: expected an iterable of events or a history(...) builder')
}

/** Runs `check`, prefixing the message of the AssertionError it throws (the diff is kept). */
function labelled(label: string, check: () => void): void {
  try {
    check()
  } catch (error) {
    if (error instanceof AssertionError) error.message = `${label}\n${error.message}`
    throw error
  }
}

/**
 * A Given/When/Then specification of the decider (as Emmett's
 * `DeciderSpecification`), free of any test framework: failures are
 * `node:assert` AssertionErrors with a readable diff.
 *
 * @param events - the history so far (events, or a `history(...)` builder); it must replay
 * @param options - `{ ledger }`: a ledger or ledger options (default: the default ledger)
 * @returns the scenario
 * @throws CreditLedgerError when the history itself does not replay
 * @example
 * given(history('acc-1').start(basic)).when(consume).thenThrows('INSUFFICIENT_CREDITS')
 * given(events).thenBalance({ available: 70, extra: 0 })
 */
export function given(events: Events = [], options: GivenOptions = {}): Given {
  const ledger = toLedger(options.ledger)
  const state = ledger.replay(eventsOf(events))

  const decideNow = (command: CreditCommand): { events: CreditEvent[] } | { error: unknown } => {
    try {
      return { events: ledger.decide(command, state) }
    } catch (error) {
      return { error }
    }
  }

  const checkBalance = (label: string, asOf: AccountState, expected: Partial<FlatBalance>) => {
    const unknown = Object.keys(expected).filter((k) => !(FLAT_KEYS as readonly string[]).includes(k))
    if (unknown.length > 0) {
      throw new TypeError(`${label}: unknown key ${unknown.join(', ')}; expected some of ${FLAT_KEYS.join(', ')}`)
    }
    const b = ledger.balance(asOf)
    const flat: FlatBalance = { available: b.available, deficit: b.deficit, ...b.bySource }
    const actual: Record<string, number> = {}
    for (const key of Object.keys(expected) as (keyof FlatBalance)[]) actual[key] = flat[key]
    labelled(`${label} (as of ${asOf.clock ?? 'no clock'}): the balance differs`, () => assert.deepStrictEqual(actual, { ...expected }))
  }

  const checkState = (label: string, after: AccountState, predicate: (state: AccountState) => boolean | void, description?: string) => {
    if (typeof predicate !== 'function') throw new TypeError(`${label} takes a predicate of the state`)
    if (predicate(after) === false) {
      throw new AssertionError({
        message: `${label}: ${description ?? 'the predicate'} does not hold of the state (clock ${after.clock ?? 'none'})`,
        actual: after,
        expected: description ?? 'a state for which the predicate holds',
        operator: 'thenState',
      })
    }
  }

  return {
    state,
    ledger,
    when(command) {
      const name = `when(${String((command as { type?: unknown })?.type)} ${JSON.stringify((command as { id?: unknown })?.id)})`
      /** The events decide returns, or an AssertionError saying it refused the command. */
      const accepted = (operator: string): CreditEvent[] => {
        const outcome = decideNow(command)
        if ('events' in outcome) return outcome.events
        const e = outcome.error
        if (!isCreditLedgerError(e)) throw e
        throw new AssertionError({
          message: `${name}: expected decide to accept the command, but it was refused with ${e.code}: ${e.message}`,
          actual: e.code,
          expected: 'accepted',
          operator,
        })
      }
      /** The state after the events decide returns. */
      const after = (operator: string): AccountState => {
        const events = accepted(operator)
        // Advance to the command's `at` too: a command that records nothing still moves time for its check.
        const at = (command as { at?: unknown }).at
        const folded = ledger.replay(events, state)
        return typeof at === 'string' && folded.clock !== null && Date.parse(at) > Date.parse(folded.clock) ? ledger.advanceTo(folded, at) : folded
      }
      return {
        then(expected) {
          if (typeof expected === 'function' || !Array.isArray(expected)) {
            throw new TypeError(
              `${name}.then(expected) takes the expected events (an array); a scenario is not a promise, do not await or return it`,
            )
          }
          const events = accepted('then')
          labelled(`${name}.then: decide returned other events than expected`, () =>
            assert.deepStrictEqual(byValue(events), byValue([...expected])),
          )
          try {
            ledger.replay(events, state)
          } catch (e) {
            if (!isCreditLedgerError(e)) throw e
            assert.fail(`${name}: evolve refuses the events decide returned (${e.code}: ${e.message})`)
          }
        },
        thenThrows<C extends ErrorCode>(code: C): ErrorOf<C> {
          const outcome = decideNow(command)
          if (!('error' in outcome)) {
            throw new AssertionError({
              message: `${name}: expected decide to refuse with ${code}, but it returned ${JSON.stringify(outcome.events)}`,
              actual: outcome.events,
              expected: code,
              operator: 'thenThrows',
            })
          }
          const e = outcome.error
          if (!isCreditLedgerError(e)) throw e
          if (e.code !== code) {
            throw new AssertionError({
              message: `${name}: expected decide to refuse with ${code}, but it refused with ${e.code}: ${e.message}`,
              actual: e.code,
              expected: code,
              operator: 'thenThrows',
            })
          }
          return e as ErrorOf<C>
        },
        thenBalance(expected, balanceOptions = {}) {
          const folded = after('thenBalance')
          const at = balanceOptions.at
          checkBalance(`${name}.thenBalance`, at === undefined ? folded : ledger.advanceTo(folded, at), expected)
        },
        thenState(predicate, description) {
          checkState(`${name}.thenState`, after('thenState'), predicate, description)
        },
        thenNothingHappened() {
          const events = accepted('thenNothingHappened')
          if (events.length > 0) {
            throw new AssertionError({
              message: `${name}: expected decide to record nothing (a retried command), but it returned ${JSON.stringify(events)}`,
              actual: events,
              expected: [],
              operator: 'thenNothingHappened',
            })
          }
        },
      }
    },
    thenBalance(expected, balanceOptions = {}) {
      const at = balanceOptions.at
      checkBalance('thenBalance', at === undefined ? state : ledger.advanceTo(state, at), expected)
    },
    thenState(predicate, description) {
      checkState('thenState', state, predicate, description)
    },
  }
}
