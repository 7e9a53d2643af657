import type { Account } from './account.js'

/**
 * `CancellationRevoked` (SPEC §9.2): the pending period-end cancellation is
 * taken back; the subscription renews at its next anniversary as before.
 * Anchor, period and buckets are unchanged. (The check before it refuses
 * the event with `NO_PENDING_CANCELLATION` when none is pending at its `at`:
 * after the period end, only a new `SubscriptionStarted` brings the
 * subscription back.)
 */
export function revokeCancellation(account: Account): void {
  account.setPendingCancellation(false)
}
