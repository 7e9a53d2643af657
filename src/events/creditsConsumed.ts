import * as z from 'zod/mini'
import { credits, envelope } from './fields.js'

/** `amount` credits were spent at `at`, drawn in consumption order (SPEC §3). */
export const creditsConsumedSchema = envelope(
  'CreditsConsumed',
  z.strictObject({ amount: credits, reason: z.optional(z.string()) }),
)
export type CreditsConsumed = z.infer<typeof creditsConsumedSchema>
