import type { Money } from '../money/money.js'
import type { BucketSource } from '../state/types.js'

/** What a movement of credits did. */
export type MovementKind = 'grant' | 'consume' | 'expire' | 'rollover'
  | 'void' | 'refund' | 'reverse'

/**
 * One movement of credits, as the fold makes it. `credits` is signed: + into
 * the account, − out of it. Statements and reports are built from these.
 */
export interface Movement {
  readonly at: string
  /** The event that caused it, or `null` for a time-driven expiry or renewal. */
  readonly eventId: string | null
  readonly kind: MovementKind
  /** The bucket's source, or `deficit` for a shortfall or its repayment. */
  readonly source: BucketSource | 'deficit'
  readonly bucketId: string | null
  readonly credits: number
  /** The money charged with a grant (start, renewal, purchase, upgrade), on its first movement; else `null`. */
  readonly charged: Money | null
  /**
   * For a grant, the source of the credits granted (also when they repay a
   * deficit, whose movement has `source: 'deficit'`); `null` for the rest.
   */
  readonly grantSource: BucketSource | null
  /** The money refunded with a refund (its one movement); else `null`. */
  readonly refunded: Money | null
}

/** Receives the movements of a fold, in order. */
export type MovementSink = (movement: Movement) => void
