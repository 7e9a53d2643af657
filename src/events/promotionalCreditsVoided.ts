import * as z from 'zod/mini'
import { isIdentifier, refuse } from './guardFields.js'
import { envelope, identifier } from './fields.js'

/**
 * The remaining credits of the promotional bucket that event `grantId`
 * created were withdrawn at `at`: into `totals.voided`, never `expired`
 * (voiding is not breakage).
 */
export const promotionalCreditsVoidedSchema = /* @__PURE__ */ envelope('PromotionalCreditsVoided', z.strictObject({ grantId: identifier }))
/** A `PromotionalCreditsVoided` event, as `parseEvent` returns it. */
export type PromotionalCreditsVoided = z.infer<typeof promotionalCreditsVoidedSchema>

/**
 * The cheap guard of the fields the fold reads of a `PromotionalCreditsVoided`'s `data`.
 *
 * @param data - the event's `data`
 * @param eventId - the event's id, for the message
 * @throws InvalidEventError (`INVALID_EVENT`) naming `data.grantId`
 * @example
 * guardPromotionalCreditsVoidedData({ grantId: 'e-10' }, 'e-11') // passes
 */
export function guardPromotionalCreditsVoidedData(data: object, eventId: string): void {
  const { grantId } = data as { grantId?: unknown }
  if (!isIdentifier(grantId)) refuse(eventId, 'data.grantId', 'must be a non-blank string of at most 256 characters', grantId)
}
