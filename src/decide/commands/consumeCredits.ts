import * as z from 'zod/mini'
import { credits, envelope } from '../../events/fields.js'

/** Spend `amount` credits at `at`. Recorded as `CreditsConsumed`; refused with `INSUFFICIENT_CREDITS`. */
export const consumeCreditsSchema = envelope(
  'ConsumeCredits',
  z.strictObject({ amount: credits, reason: z.optional(z.string()) }),
)
export type ConsumeCredits = z.infer<typeof consumeCreditsSchema>
