import * as z from 'zod/mini'
import { CancellationPendingError, show } from '../../errors.js'
import { envelope } from '../../events/fields.js'
import { cancellationModeSchema } from '../../events/subscriptionCancelled.js'
import type { CommandHandler } from './handler.js'

/**
 * Cancel the subscription at `at`: at the end of the current period
 * (`mode: 'periodEnd'`, the default) or at once (`'immediate'`). Recorded as
 * `SubscriptionCancelled`; refused with `NO_SUBSCRIPTION`, or
 * `CANCELLATION_PENDING` for a second period-end cancellation.
 */
export const cancelSubscriptionSchema = /* @__PURE__ */ envelope(
  'CancelSubscription',
  z.strictObject({ mode: z.optional(cancellationModeSchema) }),
)
export type CancelSubscription = z.infer<typeof cancelSubscriptionSchema>

/** A period-end cancellation is refused while one is pending; an immediate one always ends the subscription. */
export const cancelSubscription: CommandHandler<CancelSubscription> = {
  event({ data: { mode } }, envelope) {
    return { type: 'SubscriptionCancelled', ...envelope, data: { mode: mode ?? 'periodEnd' } }
  },
  check({ id, data: { mode } }, now, _options, subject) {
    const subscription = now.subscription!
    if ((mode ?? 'periodEnd') === 'periodEnd' && subscription.cancelAtPeriodEnd) {
      throw new CancellationPendingError(
        `${subject}: the subscription to plan ${show(subscription.plan.id)} is already cancelled at its period end ${subscription.periodEnd}`,
        { eventId: id, field: 'data.mode', value: 'periodEnd' },
      )
    }
  },
}
