import { z } from 'zod'
import { credits, envelope, identifier } from './fields.js'
import { dataObject, nonBlank, positiveCredits } from './correctionGuards.js'

/**
 * `quantity` unused extra credits of the purchase `purchaseId` were taken
 * back at `at` and refunded at the unit price they were bought at.
 */
export const extraCreditsRefundedSchema = envelope(
  'ExtraCreditsRefunded',
  z.strictObject({ purchaseId: identifier, quantity: credits }),
)
export type ExtraCreditsRefunded = z.infer<typeof extraCreditsRefundedSchema>

/**
 * The cheap guard of the fields the fold reads of an `ExtraCreditsRefunded`.
 * @throws InvalidEventError naming `data.purchaseId` or `data.quantity`
 */
export function guardExtraCreditsRefundedData(data: unknown, eventId: string): void {
  const d = dataObject(data, eventId)
  nonBlank(d.purchaseId, eventId, 'data.purchaseId')
  positiveCredits(d.quantity, eventId, 'data.quantity')
}
