import * as z from 'zod/mini'
import { InsufficientCreditsError } from '../../errors.js'
import { credits, envelope } from '../../events/fields.js'
import type { CommandHandler } from './handler.js'

/** Spend `amount` credits at `at`. Recorded as `CreditsConsumed`; refused with `INSUFFICIENT_CREDITS`. */
export const consumeCreditsSchema = /* @__PURE__ */ envelope(
  'ConsumeCredits',
  z.strictObject({ amount: credits, reason: z.optional(z.string()) }),
)
export type ConsumeCredits = z.infer<typeof consumeCreditsSchema>

/** A consumption is accepted only when the credits available at `at` cover it (no deficit is ever decided). */
export const consumeCredits: CommandHandler<ConsumeCredits> = {
  event({ data: { amount, reason } }, envelope) {
    return { type: 'CreditsConsumed', ...envelope, data: reason === undefined ? { amount } : { amount, reason } }
  },
  check({ id, at, data: { amount } }, now, _options, subject) {
    // The conservation law gives what is available without summing the buckets:
    // available − deficit = granted + reversed − consumed − expired − voided − refunded.
    const { granted, consumed, expired } = now.totals
    const { reversed, voided, refunded } = now.totals
    const available = granted + reversed - consumed - expired - voided - refunded + now.deficit
    if (amount > available) {
      throw new InsufficientCreditsError(`${subject}: requested ${amount} credits but only ${available} are available at ${at}`, {
        eventId: id,
        field: 'data.amount',
        value: amount,
        requested: amount,
        available,
      })
    }
  },
}
