import * as z from 'zod/mini'
import { guardPlan } from './guardFields.js'
import { envelope, planSchema } from './fields.js'

/** The plan changed at `at`: a new anchor, unused subscription credits rolled over, the new plan's credits granted. */
export const planUpgradedSchema = /* @__PURE__ */ envelope('PlanUpgraded', z.strictObject({ plan: planSchema }))
/** A `PlanUpgraded` event, as `parseEvent` returns it. */
export type PlanUpgraded = z.infer<typeof planUpgradedSchema>

/** `PlanUpgraded.data`: `{ plan }`. */
export function guardPlanUpgradedData(data: object, eventId: string): void {
  guardPlan((data as { plan?: unknown }).plan, eventId, 'data.plan')
}
