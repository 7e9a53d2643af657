import { InvalidStateError, show } from '../errors.js'
import type { AccountState, BucketSource } from '../state/types.js'

/** The balance of an account as of its clock. */
export interface Balance {
  /** Credits that can be spent now. */
  readonly available: number
  /** Credits consumed beyond what was available, repaid by the next grants. */
  readonly deficit: number
  /** `available` by the source of its buckets. */
  readonly bySource: Readonly<Record<BucketSource, number>>
}

/**
 * The balance as of `state.clock`. For the balance now, advance first:
 * `balance(advanceTo(state, now))`.
 *
 * It reads only `buckets` and `deficit`, and checks what it reads (a state
 * cast from JSON that never went through `parseState` may hold anything):
 * `remaining` a safe integer > 0, a known `source`, a safe total.
 *
 * @param state - a state made by the library (`replay`, `parseState`, …)
 * @returns the available credits, the deficit, and the available credits by source
 * @throws InvalidStateError (`INVALID_STATE`) naming the field for a state that is not one (`{}`, `null`,
 *   a `remaining` of `"40"`)
 * @example
 * balance(state) // { available: 170, deficit: 0, bySource: { subscription: 70, rollover: 0, extra: 100, promotional: 0 } }
 */
export function balance(state: AccountState): Balance {
  if (typeof state !== 'object' || state === null) refuse('(root)', 'must be an account state', state)
  const { buckets, deficit } = state
  if (!Array.isArray(buckets)) refuse('buckets', 'must be an array', buckets)
  if (!Number.isSafeInteger(deficit) || deficit < 0) refuse('deficit', 'must be a safe integer ≥ 0', deficit)
  const bySource = { subscription: 0, rollover: 0, extra: 0, promotional: 0 }
  let available = 0
  for (let i = 0; i < buckets.length; i++) {
    const bucket = buckets[i]
    if (typeof bucket !== 'object' || bucket === null) refuse(`buckets.${i}`, 'must be a bucket', bucket)
    const { source, remaining } = bucket as { source: unknown; remaining: unknown }
    if (!Number.isSafeInteger(remaining) || (remaining as number) <= 0) refuse(`buckets.${i}.remaining`, 'must be a safe integer > 0', remaining)
    if (source !== 'subscription' && source !== 'rollover' && source !== 'extra' && source !== 'promotional') {
      refuse(`buckets.${i}.source`, 'must be subscription, rollover, extra or promotional', source)
    }
    bySource[source as BucketSource] += remaining as number
    available += remaining as number
  }
  if (!Number.isSafeInteger(available)) refuse('buckets', 'hold more credits than a safe integer', available)
  return { available, deficit, bySource }
}

function refuse(field: string, rule: string, value: unknown): never {
  throw new InvalidStateError(`balance: state ${field} ${rule} (got ${show(value)})`, { field, value })
}
