import { decide } from './decide/decide.js'
import type { CreditCommand } from './decide/commands/index.js'
import type { CreditEvent } from './events/index.js'
import { evolve } from './evolve/evolve.js'
import { initialState } from './state/initialState.js'
import type { AccountState } from './state/types.js'

/**
 * The library as a Decider (Jérémie Chassaing's pattern, as Emmett types it):
 * `decide(command, state) → events`, `evolve(state, event) → state`, and the
 * initial state as a function (`initialState()`, and `getInitialState()`,
 * the name of Emmett's `Decider` type). Emmett's `DeciderSpecification.for`
 * and `CommandHandler` take it as it is.
 */
export interface CreditDecider {
  /** The events that record `command` against `state` (see `decide`). */
  decide(command: CreditCommand, state: AccountState): CreditEvent[]
  /** The state after `event` (see `evolve`). */
  evolve(state: AccountState, event: CreditEvent): AccountState
  /** The state of an account with no history (`initialState`), as Emmett's `DeciderSpecification` asks for it. */
  initialState(): AccountState
  /** The same, under the name of Emmett's `Decider` type. */
  getInitialState(): AccountState
}

/**
 * The default ledger's decide, evolve and initial state, as a Decider.
 *
 * @example
 * import { DeciderSpecification } from '@event-driven-io/emmett'
 * const spec = DeciderSpecification.for(decider)
 * spec([started]).when(consume).then([consumed])
 */
export const decider: CreditDecider = /* @__PURE__ */ Object.freeze({
  decide,
  evolve,
  initialState: () => initialState,
  getInitialState: () => initialState,
})
