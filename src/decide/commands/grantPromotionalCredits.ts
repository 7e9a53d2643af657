import * as z from 'zod/mini'
import { credits, envelope, identifier, instant } from '../../events/fields.js'
import { parseInstant } from '../../time/instant.js'
import type { CommandHandler } from './handler.js'

/**
 * Give `amount` promotional credits at `at`, expiring at `expiresAt` (after
 * `at`; `null` for never), for `reason` (`'trial'` for trial credits).
 * Recorded as `PromotionalCreditsGranted`; an expiry not after `at` is `INVALID_COMMAND`.
 */
export const grantPromotionalCreditsSchema = /* @__PURE__ */ envelope(
  'GrantPromotionalCredits',
  z.strictObject({ amount: credits, expiresAt: z.nullable(instant), reason: identifier }),
).check(
  z.refine((command) => command.data.expiresAt === null || parseInstant(command.data.expiresAt) > parseInstant(command.at), {
    message: 'must be after at',
    path: ['data', 'expiresAt'],
  }),
)
export type GrantPromotionalCredits = z.infer<typeof grantPromotionalCreditsSchema>

/** A promotional grant needs nothing of the account: any account may receive free credits. */
export const grantPromotionalCredits: CommandHandler<GrantPromotionalCredits> = {
  event({ data: { amount, expiresAt, reason } }, envelope) {
    return { type: 'PromotionalCreditsGranted', ...envelope, data: { amount, expiresAt, reason } }
  },
  check() {},
}
