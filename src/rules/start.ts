import type { Plan } from '../events/index.js'
import type { Account } from './account.js'
import { grantPeriod } from './grant.js'

/**
 * `SubscriptionStarted` (SPEC §4): the subscription is anchored at the
 * event's instant and its first period starts; the plan's monthly credits
 * are granted (repaying a deficit first), expiring at the first
 * anniversary, and the plan's price is charged.
 */
export function start(account: Account, plan: Plan): void {
  grantPeriod(account, account.subscribe(plan))
}
