import * as z from 'zod/mini'
import { CancellationPendingError, NotADowngradeError, show } from '../../errors.js'
import { envelope, planSchema } from '../../events/fields.js'
import type { CommandHandler } from './handler.js'

/**
 * Move to a plan that grants no more monthly credits, at the next
 * anniversary. Recorded as `PlanChangeScheduled`; refused with
 * `NO_SUBSCRIPTION`, `NOT_A_DOWNGRADE` (use `UpgradePlan`) or
 * `CANCELLATION_PENDING`.
 */
export const downgradePlanSchema = /* @__PURE__ */ envelope('DowngradePlan', z.strictObject({ plan: planSchema }))
export type DowngradePlan = z.infer<typeof downgradePlanSchema>

/**
 * A downgrade must grant at most the monthly credits of the plan active at
 * `at` (equal is a change of price or policy; the price is not compared),
 * and is refused while a period-end cancellation is pending (revoke it first).
 */
export const downgradePlan: CommandHandler<DowngradePlan> = {
  event({ data: { plan } }, envelope) {
    return { type: 'PlanChangeScheduled', ...envelope, data: { plan } }
  },
  check({ id, data: { plan } }, now, _options, subject) {
    const current = now.subscription!
    if (plan.monthlyCredits > current.plan.monthlyCredits) {
      throw new NotADowngradeError(
        `${subject}: plan ${show(plan.id)} grants ${plan.monthlyCredits} credits a month, ` +
          `more than the current plan ${show(current.plan.id)} (${current.plan.monthlyCredits}); use UpgradePlan`,
        { eventId: id, field: 'data.plan.monthlyCredits', value: plan.monthlyCredits },
      )
    }
    if (current.cancelAtPeriodEnd) {
      throw new CancellationPendingError(
        `${subject}: the subscription to plan ${show(current.plan.id)} ends at ${current.periodEnd} (cancellation pending); revoke it first`,
        { eventId: id, field: 'type', value: 'DowngradePlan' },
      )
    }
  },
}
