import * as z from 'zod/mini'
import { credits, envelope, identifier } from '../../events/fields.js'
import { checkCorrection } from '../../rules/check.js'
import { referencedAccountOf } from '../../fold/stateAccount.js'
import { parseInstant } from '../../time/instant.js'
import type { CommandHandler } from './handler.js'

/**
 * Refund `quantity` unused extra credits of the purchase `purchaseId`
 * (default: all it has left), at the unit price they were bought at.
 * Recorded as `ExtraCreditsRefunded`; refused with `UNKNOWN_PURCHASE` and
 * `REFUND_EXCEEDS_REMAINING`.
 */
export const refundExtraCreditsSchema = /* @__PURE__ */ envelope(
  'RefundExtraCredits',
  z.strictObject({ purchaseId: identifier, quantity: z.optional(credits) }),
)
export type RefundExtraCredits = z.infer<typeof refundExtraCreditsSchema>

const RECORDED = /^ExtraCreditsRefunded (\d+) ([\s\S]*)$/

/** A refund needs the purchase's extra bucket, holding at least `quantity` unused credits. */
export const refundExtraCredits: CommandHandler<RefundExtraCredits> = {
  event({ data: { purchaseId, quantity } }, envelope, options, state) {
    // The default: all the bucket has left (0 when there is none: refused by `check`, never recorded).
    const resolved =
      quantity ?? referencedAccountOf(state, options.reversalWindowMs).bucketAt(purchaseId, 'extra', parseInstant(envelope.at))?.remaining ?? 0
    return { type: 'ExtraCreditsRefunded', ...envelope, data: { purchaseId, quantity: resolved } }
  },
  check(command, now, options) {
    const event = this.event(command, { id: command.id, accountId: command.accountId, at: command.at }, options, now)
    const account = referencedAccountOf(now, options.reversalWindowMs)
    const atMs = parseInstant(command.at)
    checkCorrection.reference(account, event, atMs, 'command')
    checkCorrection.amount(account, event, atMs, 'command')
  },
  isRetryOf({ data: { purchaseId, quantity } }, recorded) {
    const match = RECORDED.exec(recorded)
    return match !== null && match[2] === purchaseId && (quantity === undefined || Number(match[1]) === quantity)
  },
}
