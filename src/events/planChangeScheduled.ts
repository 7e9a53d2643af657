import * as z from 'zod/mini'
import { guardPlan } from './guardFields.js'
import { envelope, planSchema } from './fields.js'

/**
 * A change to `plan` was scheduled at `at` (SPEC §9.2): it takes effect at
 * the next anniversary, anchor unchanged. This is how a downgrade happens.
 */
export const planChangeScheduledSchema = /* @__PURE__ */ envelope('PlanChangeScheduled', z.strictObject({ plan: planSchema }))
/** A `PlanChangeScheduled` event, as `parseEvent` returns it. */
export type PlanChangeScheduled = z.infer<typeof planChangeScheduledSchema>

/**
 * The cheap guard of the fields the fold reads of a `PlanChangeScheduled`'s
 * `data`: the plan's id, monthly credits, price and rollover policy.
 *
 * @param data - the event's `data`
 * @param eventId - the event's id, for the message
 * @throws InvalidEventError (`INVALID_EVENT`) naming the field (`data.plan.monthlyCredits`, …)
 * @example
 * guardPlanChangeScheduledData({ plan: { id: 'lite', monthlyCredits: 50, price: { amount: 900, currency: 'USD' } } }, 'e-9')
 */
export function guardPlanChangeScheduledData(data: unknown, eventId: string): void {
  const plan = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).plan : undefined
  guardPlan(plan, eventId, 'data.plan')
}
