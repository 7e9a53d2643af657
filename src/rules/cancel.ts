import type { CancellationMode } from '../events/index.js'
import type { Account } from './account.js'
import { expireAll, isPlanCredit } from './rollover.js'

/**
 * `SubscriptionCancelled` (SPEC §9.2).
 * - `periodEnd`: the cancellation is pending; the subscription runs to the
 *   end of the current period, where its plan credits expire as at any
 *   anniversary but nothing renews and nothing is charged (see `renew`).
 *   A second one while one is pending changes nothing.
 * - `immediate`: the subscription ends now: its subscription and rollover
 *   credits expire at once (counted in `expired`, `expire` movements with
 *   this event's id) and `subscription` becomes `null`.
 *
 * Either way extra (and promotional) credits stay spendable, a deficit stays
 * owed, no money is refunded, and a scheduled plan change is dropped.
 */
export function cancel(account: Account, mode: CancellationMode): void {
  const subscription = account.subscription!
  if (mode === 'periodEnd') {
    if (subscription.cancelAtPeriodEnd) return
    account.setPendingCancellation(true)
    if (subscription.scheduledPlan !== null) account.schedulePlan(null)
    return
  }
  const unused = account.buckets.removeExpiring(subscription.periodEnd, isPlanCredit)
  expireAll(account, unused)
  account.endSubscription()
}
