import * as z from 'zod/mini'
import { parseInstant } from '../time/instant.js'
import { guardCredits, isIdentifier, refuse } from './guardFields.js'
import { credits, envelope, identifier, instant } from './fields.js'

/**
 * `amount` promotional credits were given at `at` (a trial, a goodwill
 * gesture, a promotion): a `promotional` bucket with its own expiry
 * (`expiresAt`, after `at`; `null` for never), independent of the plan.
 * Nothing is charged. `reason` says why (`'trial'` for trial credits).
 */
export const promotionalCreditsGrantedSchema = /* @__PURE__ */ envelope(
  'PromotionalCreditsGranted',
  z.strictObject({ amount: credits, expiresAt: z.nullable(instant), reason: identifier }),
).check(
  z.refine((event) => event.data.expiresAt === null || parseInstant(event.data.expiresAt) > parseInstant(event.at), {
    message: 'must be after at',
    path: ['data', 'expiresAt'],
  }),
)
/** A `PromotionalCreditsGranted` event, as `parseEvent` returns it. */
export type PromotionalCreditsGranted = z.infer<typeof promotionalCreditsGrantedSchema>

/**
 * The cheap guard of the fields the fold reads of a `PromotionalCreditsGranted`'s
 * `data` (the full zod validation stays at the edges). That `expiresAt` is
 * after the event's `at` is checked by the fold (`checkCorrection.expiry`).
 *
 * @param data - the event's `data`
 * @param eventId - the event's id, for the message
 * @throws InvalidEventError (`INVALID_EVENT`) naming `data.amount`, `data.expiresAt` or `data.reason`
 * @example
 * guardPromotionalCreditsGrantedData({ amount: 50, expiresAt: null, reason: 'trial' }, 'e-10') // passes
 */
export function guardPromotionalCreditsGrantedData(data: object, eventId: string): void {
  const { amount, expiresAt, reason } = data as { amount?: unknown; expiresAt?: unknown; reason?: unknown }
  guardCredits(amount, eventId, 'data.amount')
  if (expiresAt !== null && (typeof expiresAt !== 'string' || Number.isNaN(parseInstant(expiresAt)))) {
    refuse(eventId, 'data.expiresAt', 'must be null or an ISO-8601 timestamp with an offset of a real date', expiresAt)
  }
  if (!isIdentifier(reason)) refuse(eventId, 'data.reason', 'must be a non-blank string of at most 256 characters', reason)
}
