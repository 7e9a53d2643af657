import * as z from 'zod/mini'
import { envelope, planSchema } from '../../events/fields.js'

/** Start a subscription to `plan` at `at`. Recorded as `SubscriptionStarted`; refused with `SUBSCRIPTION_ACTIVE`. */
export const startSubscriptionSchema = envelope('StartSubscription', z.strictObject({ plan: planSchema }))
export type StartSubscription = z.infer<typeof startSubscriptionSchema>
