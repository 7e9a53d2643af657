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

export interface GivenOptions {
  /** The ledger (or its options) the scenario runs with; the default ledger otherwise. */
  readonly ledger?: LedgerLike
}

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

  return {
    state,
    ledger,
    when(command) {
      const name = `when(${String((command as { type?: unknown })?.type)} ${JSON.stringify((command as { id?: unknown })?.id)})`
      return {
        then(expected) {
          if (typeof expected === 'function' || !Array.isArray(expected)) {
            throw new TypeError(
              `${name}.then(expected) takes the expected events (an array); a scenario is not a promise, do not await or return it`,
            )
          }
          const outcome = decideNow(command)
          if ('error' in outcome) {
            const e = outcome.error
            if (!isCreditLedgerError(e)) throw e
            throw new AssertionError({
              message: `${name}: expected decide to accept the command, but it was refused with ${e.code}: ${e.message}`,
              actual: e.code,
              expected: 'accepted',
              operator: 'then',
            })
          }
          labelled(`${name}.then: decide returned other events than expected`, () =>
            assert.deepStrictEqual(byValue(outcome.events), byValue([...expected])),
          )
          try {
            ledger.replay(outcome.events, state)
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
      }
    },
    thenBalance(expected, balanceOptions = {}) {
      const unknown = Object.keys(expected).filter((k) => !(FLAT_KEYS as readonly string[]).includes(k))
      if (unknown.length > 0) {
        throw new TypeError(`thenBalance: unknown key ${unknown.join(', ')}; expected some of ${FLAT_KEYS.join(', ')}`)
      }
      const at = balanceOptions.at
      const asOf = at === undefined ? state : ledger.advanceTo(state, at)
      const b = ledger.balance(asOf)
      const flat: FlatBalance = { available: b.available, deficit: b.deficit, ...b.bySource }
      const actual: Record<string, number> = {}
      for (const key of Object.keys(expected) as (keyof FlatBalance)[]) actual[key] = flat[key]
      labelled(`thenBalance (as of ${asOf.clock ?? 'no clock'}): the balance differs`, () =>
        assert.deepStrictEqual(actual, { ...expected }),
      )
    },
  }
}
