import { isMade } from './made.js'
import { parseState } from './parseState.js'
import type { AccountState } from './types.js'

/**
 * The state a function folds from: a state the library made, as it is;
 * anything else (a JSON snapshot, a state of another copy of the library, a
 * hostile value) read with `parseState`. So a fold never starts from a state
 * that breaks an invariant, and never shares, changes or freezes an object
 * of the caller's.
 *
 * @throws InvalidStateError (`INVALID_STATE`) naming the field and the value
 */
export function readState(state: unknown): AccountState {
  return isMade(state) ? state : parseState(state)
}
