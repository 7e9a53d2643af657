import * as z from 'zod/mini'
import { refuse } from './guardFields.js'
import { envelope } from './fields.js'

/** How a subscription is cancelled: at the end of the current period (the default of the command), or at once. */
/** How a subscription is cancelled: at the end of its period, or at once (SPEC §9.2). */
export const cancellationModeSchema = /* @__PURE__ */ z.enum(['periodEnd', 'immediate'])
/** `'periodEnd'` or `'immediate'`. */
export type CancellationMode = z.infer<typeof cancellationModeSchema>

/**
 * The subscription was cancelled at `at` (SPEC §9.2): `periodEnd` stops the
 * next renewal; `immediate` ends the subscription now, its plan credits
 * expiring at once.
 */
export const subscriptionCancelledSchema = /* @__PURE__ */ envelope(
  'SubscriptionCancelled',
  z.strictObject({ mode: cancellationModeSchema }),
)
/** A `SubscriptionCancelled` event, as `parseEvent` returns it. */
export type SubscriptionCancelled = z.infer<typeof subscriptionCancelledSchema>

/**
 * The cheap guard of the fields the fold reads of a `SubscriptionCancelled`'s
 * `data` (for events that did not come through `parseEvent`).
 *
 * @param data - the event's `data`
 * @param eventId - the event's id, for the message
 * @throws InvalidEventError (`INVALID_EVENT`) naming `data.mode`
 * @example
 * guardSubscriptionCancelledData({ mode: 'periodEnd' }, 'e-7') // passes
 */
export function guardSubscriptionCancelledData(data: unknown, eventId: string): void {
  const mode = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).mode : undefined
  if (mode !== 'periodEnd' && mode !== 'immediate') refuse(eventId, 'data.mode', 'must be "periodEnd" or "immediate"', mode)
}
