import * as z from 'zod/mini'
import { guardCredits, refuse } from './guardFields.js'
import { credits, envelope } from './fields.js'

/** `amount` credits were spent at `at`, drawn in consumption order (SPEC §3). */
export const creditsConsumedSchema = /* @__PURE__ */ envelope(
  'CreditsConsumed',
  z.strictObject({ amount: credits, reason: z.optional(z.string()) }),
)
/** A `CreditsConsumed` event, as `parseEvent` returns it. */
export type CreditsConsumed = z.infer<typeof creditsConsumedSchema>

/** `CreditsConsumed.data`: `{ amount: int > 0, reason?: string }`. */
export function guardCreditsConsumedData(data: object, eventId: string): void {
  const { amount, reason } = data as { amount?: unknown; reason?: unknown }
  guardCredits(amount, eventId, 'data.amount')
  if (reason !== undefined && typeof reason !== 'string') refuse(eventId, 'data.reason', 'must be a string, or absent', reason)
}
