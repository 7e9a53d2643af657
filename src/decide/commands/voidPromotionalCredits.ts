import * as z from 'zod/mini'
import { envelope, identifier } from '../../events/fields.js'
import { checkCorrection } from '../../rules/check.js'
import { referencedAccountOf } from '../../fold/stateAccount.js'
import { parseInstant } from '../../time/instant.js'
import type { CommandHandler } from './handler.js'

/**
 * Withdraw the remaining credits of the promotional grant `grantId`.
 * Recorded as `PromotionalCreditsVoided`; refused with `NOTHING_TO_VOID`.
 */
export const voidPromotionalCreditsSchema = /* @__PURE__ */ envelope('VoidPromotionalCredits', z.strictObject({ grantId: identifier }))
export type VoidPromotionalCredits = z.infer<typeof voidPromotionalCreditsSchema>

/** A void needs the grant's promotional bucket alive at `at`. */
export const voidPromotionalCredits: CommandHandler<VoidPromotionalCredits> = {
  event({ data: { grantId } }, envelope) {
    return { type: 'PromotionalCreditsVoided', ...envelope, data: { grantId } }
  },
  check(command, now, options) {
    const event = this.event(command, { id: command.id, accountId: command.accountId, at: command.at }, options, now)
    checkCorrection.reference(referencedAccountOf(now, options.reversalWindowMs), event, parseInstant(command.at), 'command')
  },
}
