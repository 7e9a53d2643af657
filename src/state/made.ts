import type { AccountState } from './types.js'

/** The states this copy of the library made (deeply frozen, so they cannot have changed since). */
const madeHere = new WeakSet<object>()

/** Marks `state` as made by the library, and returns it. */
export function made<S extends AccountState>(state: S): S {
  madeHere.add(state)
  return state
}

/** Whether this copy of the library made `value` (as a state). */
export function isMade(value: unknown): value is AccountState {
  return typeof value === 'object' && value !== null && madeHere.has(value)
}
