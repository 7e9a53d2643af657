import type { Plan } from '../events/index.js'
import type { Money } from '../money/money.js'
import type { Bucket, BucketSource, Subscription } from '../state/types.js'
import type { MovementKind } from './movement.js'

/**
 * The account as a rule sees it while one event, or one step of time, is
 * applied. Every rule of SPEC §2–4 (and §9) is written against this
 * interface alone: it knows nothing of immer drafts, private copies, paged
 * lists or indexes, which live under it in `src/fold/`.
 *
 * Instants here are canonical strings (`toISOString()` form), which sort in
 * time order.
 */
export interface Account {
  /** The instant being applied: the event's `at`, or the expiry or anniversary that time has reached. */
  readonly now: string
  /** The id of the event being applied, or `null` while time moves (an expiry, a renewal). */
  readonly eventId: string | null
  /** The live buckets, in consumption order. */
  readonly buckets: BucketQueue
  /** The active subscription, or `null`. */
  readonly subscription: Subscription | null
  /** Credits consumed beyond what was available, repaid by the next grants. */
  readonly deficit: number

  /** Moves `now` to `at` (time passing: at or after `now`). */
  moveTo(at: string): void
  /** Starts a subscription to `plan` anchored at `now`, in its first period. */
  subscribe(plan: Plan): Subscription
  /** Moves the subscription into its next period (from the same anchor). */
  nextPeriod(): Subscription

  /** Marks (or clears) a pending period-end cancellation of the active subscription (SPEC §9.2). */
  setPendingCancellation(pending: boolean): void
  /** Sets (or drops, with `null`) the plan that takes effect at the next anniversary. */
  schedulePlan(plan: Plan | null): void
  /** Puts the scheduled plan in force (a renewal), anchor and period unchanged; the schedule is cleared. */
  changePlan(plan: Plan): Subscription
  /** Ends the active subscription: `subscription` becomes `null`. */
  endSubscription(): void

  /** Adds `credits` to the deficit. */
  owe(credits: number): void
  /** Takes `credits` off the deficit. */
  repay(credits: number): void
  /**
   * Adds `credits` to a running total of credits.
   * @param field - the event's field to blame when the total would leave the safe integer range (`AMOUNT_OVERFLOW`)
   */
  count(total: CreditTotal, credits: number, field: string): void
  /**
   * Charges `price × quantity` (dinero.js, integer multiplier, no rounding).
   * @param field - the event's field to blame when money would leave the safe integer range
   * @returns what was charged, in canonical wire form
   */
  charge(price: Money, quantity: number, field: string): Money
  /** `money` in canonical wire form, to keep in a bucket or a subscription. */
  canonical(money: Money, field: string): Money

  /**
   * Records a movement of credits for statements and reports.
   * @param bucket - the bucket moved, or `null` for the deficit
   * @param credits - signed: + into the account, − out of it
   * @param grant - for a grant: the source of the credits granted and the money charged with them
   */
  record(kind: MovementKind, bucket: Bucket | null, credits: number, grant?: GrantDetails): void
}

/** The running totals of credits. */
export type CreditTotal = 'granted' | 'consumed' | 'expired'

/** What a grant's movement carries. */
export interface GrantDetails {
  /** The source of the credits granted (also when they repay a deficit). */
  readonly source: BucketSource
  /** The money charged with the grant, on its first movement; else `null`. */
  readonly charged: Money | null
}

/** A bucket to create. */
export interface NewBucket {
  readonly source: BucketSource
  /** The whole grant (also the part that repaid a deficit, or the credits carried into a rollover bucket). */
  readonly granted: number
  /** The credits put into the bucket (> 0). */
  readonly remaining: number
  readonly expiresAt: string | null
  readonly unitPrice: Money | null
}

/** The live buckets of an account, in consumption order (SPEC §3). */
export interface BucketQueue {
  /** The bucket that credits are drawn from next, or `undefined` when none is left. */
  front(): Bucket | undefined
  /** Takes `credits` (at most its `remaining`) out of `bucket`; a bucket left empty leaves the queue. */
  take(bucket: Bucket, credits: number): void
  /** Creates a bucket with the next id (`b1`, `b2`, …), at its place in consumption order. */
  add(bucket: NewBucket): Bucket
  /** Removes and returns, in consumption order, the buckets that expire at or before `at` and `match`. */
  removeExpiring(at: string, match: (bucket: Bucket) => boolean): Bucket[]
}
