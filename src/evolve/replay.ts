import { InvalidArgumentError, show } from '../errors.js'
import type { CreditEvent } from '../events/index.js'
import { freezeSealed, thaw } from '../state/copy.js'
import { initialState } from '../state/initialState.js'
import { made } from '../state/made.js'
import { readState } from '../state/readState.js'
import type { AccountState } from '../state/types.js'
import { WorkingAccount } from '../fold/workingAccount.js'
import type { MovementSink } from '../rules/movement.js'
import { DEFAULT_FOLD_OPTIONS, type FoldOptions } from '../fold/options.js'

/**
 * One account's fold over many events: a working account in `replay` mode,
 * on a private mutable copy of the state that is frozen once, by
 * `finish()`. Statements and reports drive it event by event (`apply`,
 * `advance`); `replay` drives it over a whole history.
 */
export class AccountFold extends WorkingAccount {
  /** @param from - the state to start from: a state the library made, or one `parseState` accepts (else `INVALID_STATE`) */
  constructor(from: AccountState, options: FoldOptions, sink: MovementSink | null = null) {
    const working = thaw(readState(from))
    super({ state: working, from: working as AccountState, options, sink, mode: 'replay' })
  }

  /** The state as of now (compacted, still mutable: read, do not keep). */
  peek(): AccountState {
    this.commit()
    return this.s as AccountState
  }

  /** The final state, frozen. The fold cannot be used afterwards (each caller finishes it once). */
  finish(): AccountState {
    this.seal()
    return made(freezeSealed(this.s))
  }
}

/**
 * Folds a history into a state: each event checked (account, window, order,
 * subscription, currency, overflow) and applied in order. Equal to folding
 * with `evolve`, without paying immer's proxies per event.
 *
 * @param events - typed events of one account, in time order
 * @param from - the state to continue from (default `initialState`)
 * @returns the final state (frozen)
 * @throws CreditLedgerError at the first bad event; no state is returned
 * @example
 * const state = replay(events)
 * const later = replay(tail, parseState(JSON.parse(snapshot)))
 */
export function replay(events: Iterable<CreditEvent>, from: AccountState = initialState): AccountState {
  return replayWith(DEFAULT_FOLD_OPTIONS, events, from)
}

export function replayWith(options: FoldOptions, events: Iterable<CreditEvent>, from: AccountState): AccountState {
  if (events == null || typeof (events as Iterable<CreditEvent>)[Symbol.iterator] !== 'function') {
    throw new InvalidArgumentError(`replay: events must be an Iterable (got ${show(events)})`, {
      field: 'events',
      value: typeof events,
    })
  }
  const account = new AccountFold(from, options)
  for (const event of events) account.apply(event)
  return account.finish()
}
