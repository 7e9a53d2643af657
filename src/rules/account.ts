import type { Plan } from '../events/index.js'
import type { Money } from '../money/money.js'
import type { Bucket, BucketSource, ConsumptionRecord, Draw, Subscription } from '../state/types.js'
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
  /** The consumptions of the reversal window, with their draws (SPEC §9.1). */
  readonly consumptions: ConsumptionLog

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
   * Refunds `price × quantity` (dinero.js, integer multiplier, no rounding)
   * into `totals.refundedMoney`; `totals.charged` is never reduced.
   * @param field - the event's field to blame when money would leave the safe integer range
   * @returns what was refunded, in canonical wire form
   */
  refund(price: Money, quantity: number, field: string): Money

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
  | 'reversed' | 'voided' | 'refunded'

/** What a grant's movement carries. */
export interface GrantDetails {
  /** The source of the credits granted (also when they repay a deficit). */
  readonly source: BucketSource
  /** The money charged with the grant, on its first movement; else `null`. */
  readonly charged: Money | null
  /** The money refunded with a refund's movement; else absent. */
  readonly refunded?: Money
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
  /** The live bucket of `source` that event `eventId` created (its `grantedBy`), if any. */
  createdBy(eventId: string, source: BucketSource): Bucket | undefined
  /**
   * Gives `credits` of `draw` back into the bucket it came from: added to it
   * while it lives, else the bucket is re-created with its id, source,
   * grant, expiry and unit price, at its place in consumption order.
   * @returns the bucket that holds them
   */
  restore(draw: Draw, credits: number): Bucket
}

/** The consumptions of the reversal window (SPEC §9.1), as the rules see them. */
export interface ConsumptionLog {
  /** Remembers the consumption being applied (this event, now): its amount, its draws in order, its shortfall. */
  remember(amount: number, draws: Draw[], shortfall: number): void
  /** The consumption `eventId`, if it is still within the reversal window now. */
  find(eventId: string): ConsumptionRecord | undefined
  /** Counts `credits` more of `consumption` as reversed. */
  markReversed(consumption: ConsumptionRecord, credits: number): void
}
