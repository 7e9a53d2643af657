import { z } from 'zod'
import { credits, envelope } from '../../events/fields.js'

/** Spend `amount` credits at `at`. Recorded as `CreditsConsumed`; refused with `INSUFFICIENT_CREDITS`. */
export const consumeCreditsSchema = envelope(
  'ConsumeCredits',
  z.strictObject({ amount: credits, reason: z.string().optional() }),
)
export type ConsumeCredits = z.infer<typeof consumeCreditsSchema>
