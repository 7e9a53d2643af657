import { z } from 'zod'
import { credits, envelope, identifier } from './fields.js'
import { dataObject, nonBlank, positiveCredits } from './correctionGuards.js'

/**
 * `amount` credits of the `CreditsConsumed` event `consumptionId` were given
 * back at `at` (a usage that failed, a disputed charge): its shortfall first,
 * then its draws in reverse order, each into the bucket it came from.
 */
export const consumptionReversedSchema = envelope(
  'ConsumptionReversed',
  z.strictObject({ consumptionId: identifier, amount: credits }),
)
export type ConsumptionReversed = z.infer<typeof consumptionReversedSchema>

/**
 * The cheap guard of the fields the fold reads of a `ConsumptionReversed`.
 * @throws InvalidEventError naming `data.consumptionId` or `data.amount`
 */
export function guardConsumptionReversedData(data: unknown, eventId: string): void {
  const d = dataObject(data, eventId)
  nonBlank(d.consumptionId, eventId, 'data.consumptionId')
  positiveCredits(d.amount, eventId, 'data.amount')
}
