import { z } from 'zod'
import { parseInstant } from '../time/instant.js'
import { dataObject, invalid, nonBlank, positiveCredits } from './correctionGuards.js'
import { credits, envelope, identifier, instant } from './fields.js'

/**
 * `amount` promotional credits were given at `at` (a trial, a goodwill
 * gesture, a promotion): a `promotional` bucket with its own expiry
 * (`expiresAt`, after `at`; `null` for never), independent of the plan.
 * Nothing is charged. `reason` says why (`'trial'` for trial credits).
 */
export const promotionalCreditsGrantedSchema = envelope(
  'PromotionalCreditsGranted',
  z.strictObject({ amount: credits, expiresAt: instant.nullable(), reason: identifier }),
).refine((event) => event.data.expiresAt === null || parseInstant(event.data.expiresAt) > parseInstant(event.at), {
  message: 'must be after at',
  path: ['data', 'expiresAt'],
})
export type PromotionalCreditsGranted = z.infer<typeof promotionalCreditsGrantedSchema>

/**
 * The cheap guard of the fields the fold reads of a `PromotionalCreditsGranted`
 * (the full zod validation stays at the edges).
 *
 * @param data - the event's `data`
 * @param eventId - for the message
 * @param atMs - the event's `at`, in epoch ms: `expiresAt` must be after it
 * @throws InvalidEventError naming `data.amount`, `data.expiresAt` or `data.reason`
 */
export function guardPromotionalCreditsGrantedData(data: unknown, eventId: string, atMs: number): void {
  const d = dataObject(data, eventId)
  positiveCredits(d.amount, eventId, 'data.amount')
  const expiresAt = d.expiresAt
  if (expiresAt !== null) {
    const ms = typeof expiresAt === 'string' ? parseInstant(expiresAt) : NaN
    if (Number.isNaN(ms)) invalid(eventId, 'data.expiresAt', 'must be null or an ISO-8601 timestamp with an offset of a real date', expiresAt)
    if (ms <= atMs) invalid(eventId, 'data.expiresAt', 'must be after at', expiresAt)
  }
  nonBlank(d.reason, eventId, 'data.reason')
}
