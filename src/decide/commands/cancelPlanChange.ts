import * as z from 'zod/mini'
import { envelope } from '../../events/fields.js'
import type { CommandHandler } from './handler.js'

/** Drop the scheduled plan change at `at`. Recorded as `PlanChangeUnscheduled`; refused with `NO_PENDING_PLAN_CHANGE`. */
export const cancelPlanChangeSchema = /* @__PURE__ */ envelope('CancelPlanChange', z.strictObject({}))
export type CancelPlanChange = z.infer<typeof cancelPlanChangeSchema>

/** Dropping a plan change has no rule of its own: `NO_PENDING_PLAN_CHANGE` is a check every event shares. */
export const cancelPlanChange: CommandHandler<CancelPlanChange> = {
  event(_command, envelope) {
    return { type: 'PlanChangeUnscheduled', ...envelope, data: {} }
  },
  check() {},
}
