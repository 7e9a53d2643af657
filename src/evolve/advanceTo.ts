import { InvalidArgumentError, OutOfOrderError, show } from '../errors.js'
import { made } from '../state/made.js'
import { readState } from '../state/readState.js'
import type { AccountState } from '../state/types.js'
import { canonicalInstant, parseInstant } from '../time/instant.js'
import { immer } from './evolve.js'
import { WorkingAccount, type FoldMode } from '../fold/workingAccount.js'
import { DEFAULT_FOLD_OPTIONS, type FoldOptions } from '../fold/options.js'

/**
 * Moves the clock to `at`, applying in time order every expiry and every
 * renewal up to and including it, and forgetting the ids that leave the
 * idempotency window. The balance now is `balance(advanceTo(state, now))`.
 *
 * @param state - a state made by the library
 * @param at - an ISO-8601 instant with an offset
 * @returns the state at `at` (the same state when `at` equals the clock)
 * @throws InvalidArgumentError for a bad `at`; OutOfOrderError for an `at` before the clock
 * @example
 * const now = advanceTo(state, '2026-01-01T00:00:00Z')
 */
export function advanceTo(state: AccountState, at: string): AccountState {
  return advanceToWith(DEFAULT_FOLD_OPTIONS, state, at)
}

/** `advanceTo` with a ledger's options; `scratch` for a what-if whose window the caller has checked (see `FoldMode`). */
export function advanceToWith(
  options: FoldOptions,
  state: AccountState,
  at: string,
  mode: Exclude<FoldMode, 'replay'> = 'draft',
): AccountState {
  const from = readState(state)
  const ms = readInstantArgument(at, 'at')
  const clock = from.clock === null ? -Infinity : parseInstant(from.clock)
  if (ms < clock) {
    throw new OutOfOrderError(`advanceTo: at ${show(at)} is before the account's clock ${from.clock}`, {
      field: 'at',
      value: at,
    })
  }
  if (ms === clock) return from
  const iso = canonicalInstant(at, ms)
  return made(
    immer.produce(from, (draft) => {
      const fold = new WorkingAccount({ state: draft, from, options, sink: null, mode })
      fold.advance(ms, iso)
      fold.commit()
    }),
  )
}

/** Reads an instant given as an argument (not an event field): `INVALID_ARGUMENT` when bad. */
export function readInstantArgument(at: unknown, field: string): number {
  const ms = typeof at === 'string' ? parseInstant(at) : NaN
  if (Number.isNaN(ms)) {
    throw new InvalidArgumentError(
      `${field} must be an ISO-8601 timestamp with an offset of a real date (got ${show(at)})`,
      { field, value: at },
    )
  }
  return ms
}
