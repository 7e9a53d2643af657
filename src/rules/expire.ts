import type { Bucket } from '../state/types.js'
import type { Account } from './account.js'

/**
 * A bucket expires (SPEC §3): when the clock reaches its `expiresAt`, its
 * remaining credits leave the account into `totals.expired`.
 */
export function expire(account: Account, bucket: Bucket): void {
  const credits = bucket.remaining
  account.buckets.take(bucket, credits)
  account.count('expired', credits, 'at')
  account.record('expire', bucket, -credits)
}
