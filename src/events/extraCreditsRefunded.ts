import * as z from 'zod/mini'
import { guardCredits, isIdentifier, refuse } from './guardFields.js'
import { credits, envelope, identifier } from './fields.js'

/**
 * `quantity` unused extra credits of the purchase `purchaseId` were taken
 * back at `at` and refunded at the unit price they were bought at.
 */
export const extraCreditsRefundedSchema = /* @__PURE__ */ envelope(
  'ExtraCreditsRefunded',
  z.strictObject({ purchaseId: identifier, quantity: credits }),
)
/** An `ExtraCreditsRefunded` event, as `parseEvent` returns it. */
export type ExtraCreditsRefunded = z.infer<typeof extraCreditsRefundedSchema>

/**
 * The cheap guard of the fields the fold reads of an `ExtraCreditsRefunded`'s `data`.
 *
 * @param data - the event's `data`
 * @param eventId - the event's id, for the message
 * @throws InvalidEventError (`INVALID_EVENT`) naming `data.purchaseId` or `data.quantity`
 * @example
 * guardExtraCreditsRefundedData({ purchaseId: 'e-3', quantity: 10 }, 'e-13') // passes
 */
export function guardExtraCreditsRefundedData(data: object, eventId: string): void {
  const { purchaseId, quantity } = data as { purchaseId?: unknown; quantity?: unknown }
  if (!isIdentifier(purchaseId)) refuse(eventId, 'data.purchaseId', 'must be a non-blank string of at most 256 characters', purchaseId)
  guardCredits(quantity, eventId, 'data.quantity')
}
