import { z } from 'zod'
import { envelope, identifier } from './fields.js'
import { dataObject, nonBlank } from './correctionGuards.js'

/**
 * The remaining credits of the promotional bucket that event `grantId`
 * created were withdrawn at `at`: into `totals.voided`, never `expired`
 * (voiding is not breakage).
 */
export const promotionalCreditsVoidedSchema = envelope(
  'PromotionalCreditsVoided',
  z.strictObject({ grantId: identifier }),
)
export type PromotionalCreditsVoided = z.infer<typeof promotionalCreditsVoidedSchema>

/**
 * The cheap guard of the fields the fold reads of a `PromotionalCreditsVoided`.
 * @throws InvalidEventError naming `data.grantId`
 */
export function guardPromotionalCreditsVoidedData(data: unknown, eventId: string): void {
  nonBlank(dataObject(data, eventId).grantId, eventId, 'data.grantId')
}
