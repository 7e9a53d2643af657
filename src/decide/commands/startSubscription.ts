import * as z from 'zod/mini'
import { envelope, planSchema } from '../../events/fields.js'
import type { CommandHandler } from './handler.js'

/** Start a subscription to `plan` at `at`. Recorded as `SubscriptionStarted`; refused with `SUBSCRIPTION_ACTIVE`. */
export const startSubscriptionSchema = /* @__PURE__ */ envelope('StartSubscription', z.strictObject({ plan: planSchema }))
export type StartSubscription = z.infer<typeof startSubscriptionSchema>

/** A start has no rule of its own: `SUBSCRIPTION_ACTIVE` is a check every event shares. */
export const startSubscription: CommandHandler<StartSubscription> = {
  event({ data: { plan } }, envelope) {
    return { type: 'SubscriptionStarted', ...envelope, data: { plan } }
  },
  check() {},
}
