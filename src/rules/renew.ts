import type { Account } from './account.js'
import { grant } from './grant.js'

/**
 * Renewal (SPEC §2): at each anniversary of an active subscription a new
 * period starts, from the same anchor; the plan's monthly credits are
 * granted (repaying a deficit first), expiring at the next anniversary, and
 * the plan's price is charged. The credits of the period that ended have
 * already expired (see `passTime`): expire, then grant.
 */
export function renew(account: Account): void {
  const subscription = account.nextPeriod()
  const { plan, periodEnd } = subscription
  grant(account, {
    source: 'subscription',
    credits: plan.monthlyCredits,
    expiresAt: periodEnd,
    unitPrice: null,
    charged: account.charge(plan.price, 1, 'data.plan.price.amount'),
    field: 'data.plan.monthlyCredits',
  })
}
