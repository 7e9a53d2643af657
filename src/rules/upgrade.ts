import type { Plan } from '../events/index.js'
import type { Account } from './account.js'
import { grantPeriod } from './grant.js'
import { isPlanCredit } from './rollover.js'

/**
 * `PlanUpgraded` (SPEC §1.4): the new anniversary date is the date of the
 * change. A new period of the new plan starts now (a new anchor). The
 * subscription and rollover credits not used in the old period are kept:
 * they move, all of them (no cap applies to an upgrade), into one
 * `rollover` bucket that expires with the new period, created before the
 * new subscription bucket, so they are drawn first. A move is not a grant:
 * `totals.granted` does not count them again, and they repay no deficit.
 * Then the new plan's credits are granted and its price charged. Extra and
 * promotional credits are untouched.
 */
export function upgrade(account: Account, plan: Plan): void {
  const oldEnd = account.subscription!.periodEnd
  const unused = account.buckets.removeExpiring(oldEnd, isPlanCredit)
  let carried = 0
  for (const bucket of unused) {
    carried += bucket.remaining
    account.record('rollover', bucket, -bucket.remaining)
  }
  const subscription = account.subscribe(plan)
  const { periodEnd } = subscription
  if (carried > 0) {
    const rollover = account.buckets.add({
      source: 'rollover',
      granted: carried,
      remaining: carried,
      expiresAt: periodEnd,
      unitPrice: null,
    })
    account.record('rollover', rollover, carried)
  }
  grantPeriod(account, subscription)
}
