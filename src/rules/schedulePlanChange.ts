import type { Plan } from '../events/index.js'
import type { Account } from './account.js'

/**
 * `PlanChangeScheduled` (SPEC §9.2): `plan` takes effect at the next
 * anniversary, anchor unchanged (see `renew`): that renewal rolls the old
 * credits over by the OLD plan's policy, then grants the new plan's credits
 * and charges its price. Nothing is granted or charged now. A second
 * schedule replaces the first; an upgrade or a cancellation drops it. This
 * is how a downgrade happens (only an upgrade changes the plan at once).
 *
 * Recorded while a period-end cancellation is pending (only `decide`
 * refuses that), the schedule is kept, but the subscription still ends at
 * the period end, so it takes effect only if the cancellation is revoked.
 */
export function schedulePlanChange(account: Account, plan: Plan): void {
  account.schedulePlan(plan)
}
