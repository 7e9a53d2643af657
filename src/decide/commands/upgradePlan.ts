import * as z from 'zod/mini'
import { NotAnUpgradeError, show } from '../../errors.js'
import { envelope, planSchema } from '../../events/fields.js'
import type { CommandHandler } from './handler.js'

/**
 * Move to a plan that grants more monthly credits, at `at`. Recorded as
 * `PlanUpgraded`; refused with `NO_SUBSCRIPTION` or `NOT_AN_UPGRADE`.
 */
export const upgradePlanSchema = /* @__PURE__ */ envelope('UpgradePlan', z.strictObject({ plan: planSchema }))
export type UpgradePlan = z.infer<typeof upgradePlanSchema>

/** An upgrade must grant more monthly credits than the plan active at `at` (the price is not compared). */
export const upgradePlan: CommandHandler<UpgradePlan> = {
  event({ data: { plan } }, envelope) {
    return { type: 'PlanUpgraded', ...envelope, data: { plan } }
  },
  check({ id, data: { plan } }, now, _options, subject) {
    const current = now.subscription!.plan
    if (plan.monthlyCredits <= current.monthlyCredits) {
      throw new NotAnUpgradeError(
        `${subject}: plan ${show(plan.id)} grants ${plan.monthlyCredits} credits a month, ` +
          `not more than the current plan ${show(current.id)} (${current.monthlyCredits})`,
        { eventId: id, field: 'data.plan.monthlyCredits', value: plan.monthlyCredits },
      )
    }
  },
}
