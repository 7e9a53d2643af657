import type { Plan } from '../events/index.js'
import type { Money } from '../money/money.js'

/** Where a bucket's credits came from. */
export type BucketSource = 'subscription' | 'rollover' | 'extra' | 'promotional'

/**
 * One grant of credits, with its own expiry. A bucket exists only while
 * `remaining > 0`; `granted` is the whole grant (also the part that repaid a
 * deficit, or the credits carried into a rollover bucket).
 */
export interface Bucket {
  /** `b1`, `b2`, …: a counter in the state, so replays give the same ids. */
  readonly id: string
  readonly source: BucketSource
  readonly granted: number
  readonly remaining: number
  readonly grantedAt: string
  /** When the remaining credits expire, or `null` for never (extra credits). */
  readonly expiresAt: string | null
  /** The price each credit was bought at (extra buckets), else `null`. */
  readonly unitPrice: Money | null
}

/** The active subscription. Period `k` is `[anniversary(k−1), anniversary(k))` from the anchor. */
export interface Subscription {
  readonly plan: Plan
  /** The instant the subscription or its last upgrade started. */
  readonly anchor: string
  /** Anniversaries since the anchor, plus one: 1 in the first period. */
  readonly period: number
  readonly periodStart: string
  readonly periodEnd: string
  /** A period-end cancellation is pending: at `periodEnd` the subscription ends, with no renewal (contract v4). */
  readonly cancelAtPeriodEnd: boolean
  /** The plan that takes effect at `periodEnd` (a scheduled downgrade), or `null` (contract v4). */
  readonly scheduledPlan: Plan | null
}

/** An id in the idempotency window, with what identifies its command. */
export interface WindowEntry {
  readonly id: string
  readonly at: string
  /** The event type and the data a retried command must repeat (see README). */
  readonly command: string
}

/** The most entries a page of the idempotency window holds. */
export const WINDOW_PAGE_SIZE = 256

/** A page of the idempotency window: 1 to `WINDOW_PAGE_SIZE` entries, oldest first. */
export type WindowPage = readonly WindowEntry[]

/** The running totals of an account: credits in, out and expired, and money charged. Every total only grows. */
export interface Totals {
  /** Credits that entered the account (a rollover moves credits, it does not grant them). */
  readonly granted: number
  /** Credits consumed, shortfalls included. */
  readonly consumed: number
  /** Credits that expired unused. */
  readonly expired: number
  /** All money charged, or `null` before the first charge (its currency is the account's). */
  readonly charged: Money | null
}

/**
 * The state of one account: immutable, JSON-serializable. Read it back with
 * `parseState`.
 */
export interface AccountState {
  readonly version: 1
  readonly accountId: string | null
  readonly clock: string | null
  readonly subscription: Subscription | null
  /** Live buckets (remaining > 0, not expired), in consumption order. */
  readonly buckets: readonly Bucket[]
  /** Credits consumed beyond what was available, repaid by the next grants. */
  readonly deficit: number
  readonly totals: Totals
  /** The number of the next bucket id. */
  readonly nextBucket: number
  /**
   * The ids applied in the last window of the clock, oldest first, in pages
   * of 1 to 256 entries (`state.window.flat()` lists them), so that an event
   * copies a page and not the whole window.
   */
  readonly window: readonly WindowPage[]
}
