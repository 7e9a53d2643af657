import * as z from 'zod/mini'
import { guardPlan } from './guardFields.js'
import { envelope, planSchema } from './fields.js'

/** A subscription to `plan` starts at `at`: period 1, the plan's credits granted, its price charged. */
export const subscriptionStartedSchema = /* @__PURE__ */ envelope('SubscriptionStarted', z.strictObject({ plan: planSchema }))
/** A `SubscriptionStarted` event, as `parseEvent` returns it. */
export type SubscriptionStarted = z.infer<typeof subscriptionStartedSchema>

/** `SubscriptionStarted.data`: `{ plan }`. */
export function guardSubscriptionStartedData(data: object, eventId: string): void {
  guardPlan((data as { plan?: unknown }).plan, eventId, 'data.plan')
}
