import type { Plan } from '../events/index.js'
import type { Account } from './account.js'
import { grant } from './grant.js'

/**
 * `SubscriptionStarted` (SPEC §4): the subscription is anchored at the
 * event's instant and its first period starts; the plan's monthly credits
 * are granted (repaying a deficit first), expiring at the first
 * anniversary, and the plan's price is charged.
 */
export function start(account: Account, plan: Plan): void {
  const { plan: kept, periodEnd } = account.subscribe(plan)
  grant(account, {
    source: 'subscription',
    credits: kept.monthlyCredits,
    expiresAt: periodEnd,
    unitPrice: null,
    charged: account.charge(kept.price, 1, 'data.plan.price.amount'),
    field: 'data.plan.monthlyCredits',
  })
}
