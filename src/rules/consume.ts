import type { Account } from './account.js'

/**
 * `CreditsConsumed` (SPEC §3): the credits are drawn from the buckets in
 * consumption order — the soonest to expire first, those that never expire
 * last, the older grant first among equals — so subscription credits go
 * before extra credits. A consumption is a fact: what the buckets cannot
 * give becomes a deficit, repaid by the next grant. `totals.consumed`
 * counts the whole amount, shortfall included.
 */
export function consume(account: Account, amount: number): void {
  account.count('consumed', amount, 'data.amount')
  let left = amount
  for (let bucket = account.buckets.front(); left > 0 && bucket !== undefined; bucket = account.buckets.front()) {
    const drawn = Math.min(bucket.remaining, left)
    account.buckets.take(bucket, drawn)
    account.record('consume', bucket, -drawn)
    left -= drawn
  }
  if (left > 0) {
    account.owe(left)
    account.record('consume', null, -left)
  }
}
