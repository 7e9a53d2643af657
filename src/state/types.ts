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
  /**
   * The id of the event that created the bucket (a start, a purchase, an
   * upgrade, a promotional grant), or `null` for a renewal's grant and
   * rollover (and for buckets of a snapshot written before contract v4).
   */
  readonly grantedBy: string | null
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
  /** Credits given back by reversals of consumptions (also those that expired at once). */
  readonly reversed: number
  /** Promotional credits withdrawn by a void (not breakage: never in `expired`). */
  readonly voided: number
  /** Unused extra credits taken back by refunds. */
  readonly refunded: number
  /** All money refunded, or `null` before the first refund (`charged` is never reduced). */
  readonly refundedMoney: Money | null
}

/**
 * One draw of a consumption: the credits it took from a bucket, and all that
 * is needed to give them back into that bucket (re-created with its id if it
 * was emptied since).
 */
export interface Draw {
  readonly bucketId: string
  readonly source: BucketSource
  readonly credits: number
  readonly granted: number
  readonly grantedAt: string
  readonly expiresAt: string | null
  readonly unitPrice: Money | null
  readonly grantedBy: string | null
}

/** A consumption in the reversal window: its draws in the order they were made, and its shortfall. */
export interface ConsumptionRecord {
  /** The id of the `CreditsConsumed` event. */
  readonly id: string
  /** Its instant, canonical. */
  readonly at: string
  readonly amount: number
  /** The credits of `amount` that no bucket could give (the deficit it made). */
  readonly shortfall: number
  /** The credits of `amount` reversed so far (at most `amount`). */
  readonly reversed: number
  readonly draws: readonly Draw[]
}

/** The most consumptions a page of the reversal window holds. */
export const CONSUMPTION_PAGE_SIZE = 256

/** A page of the reversal window: 1 to `CONSUMPTION_PAGE_SIZE` consumptions, oldest first. */
export type ConsumptionPage = readonly ConsumptionRecord[]

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
  /**
   * The consumptions applied in the last reversal window of the clock
   * (ledger option `reversalWindowMs`, 30 days by default), oldest first, in
   * pages of 1 to 256, so that a consumption copies a page and not the list.
   */
  readonly consumptions: readonly ConsumptionPage[]
}
