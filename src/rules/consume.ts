import type { Bucket, Draw } from '../state/types.js'
import type { Account } from './account.js'

/**
 * `CreditsConsumed` (SPEC §3): the credits are drawn from the buckets in
 * consumption order — the soonest to expire first, those that never expire
 * last, the older grant first among equals — so subscription credits go
 * before extra credits. A consumption is a fact: what the buckets cannot
 * give becomes a deficit, repaid by the next grant. `totals.consumed`
 * counts the whole amount, shortfall included.
 *
 * The consumption is remembered with its draws (which bucket gave how many
 * credits, and all that is needed to re-create it) and its shortfall for
 * the reversal window (SPEC §9.1), so that `ConsumptionReversed` can give
 * the credits back where they came from.
 */
export function consume(account: Account, amount: number): void {
  account.count('consumed', amount, 'data.amount')
  // Most consumptions draw from one bucket: their list is made for one (a list that grows keeps room for more).
  let draws: Draw[] | null = null
  let left = amount
  for (let bucket = account.buckets.front(); left > 0 && bucket !== undefined; bucket = account.buckets.front()) {
    const drawn = Math.min(bucket.remaining, left)
    const draw = drawOf(bucket, drawn)
    if (draws === null) draws = [draw]
    else draws.push(draw)
    account.buckets.take(bucket, drawn)
    account.record('consume', bucket, -drawn)
    left -= drawn
  }
  if (left > 0) {
    account.owe(left)
    account.record('consume', null, -left)
  }
  account.consumptions.remember(amount, draws ?? [], left)
}

/** A draw of `credits` from `bucket`, with what is needed to give them back. */
function drawOf(bucket: Bucket, credits: number): Draw {
  return {
    bucketId: bucket.id,
    source: bucket.source,
    credits,
    granted: bucket.granted,
    grantedAt: bucket.grantedAt,
    expiresAt: bucket.expiresAt,
    unitPrice: bucket.unitPrice,
    grantedBy: bucket.grantedBy,
  }
}
