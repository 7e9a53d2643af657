import { z } from 'zod'
import { credits, envelope } from './fields.js'

/** `amount` credits were spent at `at`, drawn in consumption order (SPEC §3). */
export const creditsConsumedSchema = envelope(
  'CreditsConsumed',
  z.strictObject({ amount: credits, reason: z.string().optional() }),
)
export type CreditsConsumed = z.infer<typeof creditsConsumedSchema>
