import type { Account } from './account.js'

/**
 * `PlanChangeUnscheduled` (SPEC §9.2): the scheduled plan change is dropped;
 * the current plan renews at the next anniversary. (The check before it
 * refuses the event with `NO_PENDING_PLAN_CHANGE` when none is scheduled at
 * its `at`.)
 */
export function unschedulePlanChange(account: Account): void {
  account.schedulePlan(null)
}
