import * as z from 'zod/mini'
import { envelope, planSchema } from './fields.js'

/** A subscription to `plan` starts at `at`: period 1, the plan's credits granted, its price charged. */
export const subscriptionStartedSchema = envelope('SubscriptionStarted', z.strictObject({ plan: planSchema }))
export type SubscriptionStarted = z.infer<typeof subscriptionStartedSchema>
