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
 * @example
 * balance(state) // { available: 170, deficit: 0, bySource: { subscription: 70, rollover: 0, extra: 100, promotional: 0 } }
 */
export function balance(state: AccountState): Balance {
  const bySource = { subscription: 0, rollover: 0, extra: 0, promotional: 0 }
  let available = 0
  for (const bucket of state.buckets) {
    bySource[bucket.source] += bucket.remaining
    available += bucket.remaining
  }
  return { available, deficit: state.deficit, bySource }
}
