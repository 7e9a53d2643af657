import type { Money } from '../money/money.js'
import type { Bucket, BucketSource, Subscription } from '../state/types.js'
import type { Account } from './account.js'

/** A grant of credits: where they come from, when they expire, what was charged for them. */
export interface Grant {
  readonly source: BucketSource
  readonly credits: number
  /** When the credits expire, or `null` for never. */
  readonly expiresAt: string | null
  /** The price of one credit, kept on the bucket (extra credits), else `null`. */
  readonly unitPrice: Money | null
  /** The money charged with the grant (canonical), or `null`. */
  readonly charged: Money | null
  /** The event field to blame if the granted total would overflow. */
  readonly field: string
}

/**
 * Granting credits (SPEC §3): every grant counts in `totals.granted` once,
 * repays the deficit first, and puts the rest into a new bucket. A bucket is
 * created only when something is left for it.
 *
 * @returns the new bucket, or `null` when the whole grant repaid the deficit
 */
export function grant(account: Account, { source, credits, expiresAt, unitPrice, charged, field }: Grant): Bucket | null {
  account.count('granted', credits, field)
  const repaid = Math.min(account.deficit, credits)
  if (repaid > 0) {
    account.repay(repaid)
    account.record('grant', null, repaid, { source, charged })
    charged = null
  }
  if (credits === repaid) return null
  const bucket = account.buckets.add({ source, granted: credits, remaining: credits - repaid, expiresAt, unitPrice })
  account.record('grant', bucket, credits - repaid, { source, charged })
  return bucket
}

/**
 * A period's credits (a start, an upgrade, a renewal): the plan's monthly
 * credits, expiring at the end of the period, granted as any grant is
 * (repaying a deficit first), with the plan's price charged.
 */
export function grantPeriod(account: Account, { plan, periodEnd }: Subscription): Bucket | null {
  return grant(account, {
    source: 'subscription',
    credits: plan.monthlyCredits,
    expiresAt: periodEnd,
    unitPrice: null,
    charged: account.charge(plan.price, 1, 'data.plan.price.amount'),
    field: 'data.plan.monthlyCredits',
  })
}
