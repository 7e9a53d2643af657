import { Immer } from 'immer'
import type { CreditEvent } from '../events/index.js'
import { made } from '../state/made.js'
import { readState } from '../state/readState.js'
import type { AccountState } from '../state/types.js'
import { WorkingAccount, type FoldMode } from '../fold/workingAccount.js'
import { DEFAULT_FOLD_OPTIONS, type FoldOptions } from '../fold/options.js'

/** The library's own immer instance: auto-freeze on, whatever the app sets globally (marked pure: a bundle without `evolve` drops immer). */
export const immer = /* @__PURE__ */ new Immer({ autoFreeze: true })

/**
 * Applies one event to a state: the same checks and rules as `replay`, as an
 * immer producer, so the new state shares every bucket the event did not touch.
 *
 * @param state - a state made by the library
 * @param event - a typed event (`parseEvent` output or compiler-checked); only `at` is re-read
 * @returns the next state (frozen); `state` is untouched
 * @throws CreditLedgerError with the codes of SPEC §4, and nothing changes
 * @example
 * const next = evolve(state, { type: 'CreditsConsumed', id: 'e-7', accountId: 'acc-1', at: '2025-01-02T10:00:00Z', data: { amount: 30 } })
 */
export function evolve(state: AccountState, event: CreditEvent): AccountState {
  return evolveWith(DEFAULT_FOLD_OPTIONS, state, event)
}

/** `evolve` with a ledger's options; `scratch` for a what-if whose window the caller has checked (see `FoldMode`). */
export function evolveWith(
  options: FoldOptions,
  state: AccountState,
  event: CreditEvent,
  mode: Exclude<FoldMode, 'replay'> = 'draft',
): AccountState {
  const from = readState(state)
  return made(
    immer.produce(from, (draft) => {
      const fold = new WorkingAccount({ state: draft, from, options, sink: null, mode })
      fold.apply(event)
      fold.commit()
    }),
  )
}
