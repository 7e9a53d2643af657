import * as z from 'zod/mini'
import { guardCredits, isIdentifier, refuse } from './guardFields.js'
import { credits, envelope, identifier } from './fields.js'

/**
 * `amount` credits of the `CreditsConsumed` event `consumptionId` were given
 * back at `at` (a usage that failed, a disputed charge): its shortfall first,
 * then its draws in reverse order, each into the bucket it came from.
 */
export const consumptionReversedSchema = /* @__PURE__ */ envelope(
  'ConsumptionReversed',
  z.strictObject({ consumptionId: identifier, amount: credits }),
)
/** A `ConsumptionReversed` event, as `parseEvent` returns it. */
export type ConsumptionReversed = z.infer<typeof consumptionReversedSchema>

/**
 * The cheap guard of the fields the fold reads of a `ConsumptionReversed`'s `data`.
 *
 * @param data - the event's `data`
 * @param eventId - the event's id, for the message
 * @throws InvalidEventError (`INVALID_EVENT`) naming `data.consumptionId` or `data.amount`
 * @example
 * guardConsumptionReversedData({ consumptionId: 'e-2', amount: 5 }, 'e-12') // passes
 */
export function guardConsumptionReversedData(data: object, eventId: string): void {
  const { consumptionId, amount } = data as { consumptionId?: unknown; amount?: unknown }
  if (!isIdentifier(consumptionId)) refuse(eventId, 'data.consumptionId', 'must be a non-blank string of at most 256 characters', consumptionId)
  guardCredits(amount, eventId, 'data.amount')
}
