import type { Account } from './account.js'
import { grantPeriod } from './grant.js'
import { expireAll, isPlanCredit, rollOver, rolloverCap } from './rollover.js'

/**
 * Renewal (SPEC §2, §9.2), at each anniversary of an active subscription,
 * in this order:
 * 1. the plan credits of the period that ends (subscription and rollover)
 *    are taken out; under the plan's rollover policy up to its cap move into
 *    one new rollover bucket, the rest expire (`rollOver`; with no policy
 *    they all expire);
 * 2. a new period starts from the same anchor — of the scheduled plan, if a
 *    change was scheduled (the rollover above follows the OLD plan's
 *    policy) — its monthly credits are granted (repaying a deficit first),
 *    expiring at the next anniversary, and its price is charged.
 *
 * After a period-end cancellation there is no step 2: every plan credit
 * expires, nothing is granted or charged, and the subscription ends
 * (`subscription` becomes `null`). Extra and promotional credits stay, a
 * deficit stays owed.
 */
export function renew(account: Account): void {
  const ending = account.subscription!
  const { plan: oldPlan, scheduledPlan } = ending
  const unused = account.buckets.removeExpiring(ending.periodEnd, isPlanCredit)
  if (ending.cancelAtPeriodEnd) {
    expireAll(account, unused)
    account.endSubscription()
    return
  }
  let subscription = account.nextPeriod()
  if (scheduledPlan !== null) subscription = account.changePlan(scheduledPlan)
  rollOver(account, unused, rolloverCap(oldPlan), subscription.periodEnd)
  grantPeriod(account, subscription)
}
