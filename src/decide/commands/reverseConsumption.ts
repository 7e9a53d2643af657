import * as z from 'zod/mini'
import { ReversalExceedsConsumptionError, show } from '../../errors.js'
import { credits, envelope, identifier } from '../../events/fields.js'
import { checkCorrection } from '../../rules/check.js'
import { referencedAccountOf } from '../../fold/stateAccount.js'
import { parseInstant } from '../../time/instant.js'
import type { CommandHandler } from './handler.js'

/**
 * Give back `amount` credits of the consumption `consumptionId` (default:
 * all not yet reversed). Recorded as `ConsumptionReversed`; refused with
 * `UNKNOWN_CONSUMPTION` (unknown or outside the reversal window) and
 * `REVERSAL_EXCEEDS_CONSUMPTION` (more than is left to reverse, or nothing left).
 */
export const reverseConsumptionSchema = /* @__PURE__ */ envelope(
  'ReverseConsumption',
  z.strictObject({ consumptionId: identifier, amount: z.optional(credits) }),
)
export type ReverseConsumption = z.infer<typeof reverseConsumptionSchema>

const RECORDED = /^ConsumptionReversed (\d+) ([\s\S]*)$/

/** A reversal needs its consumption in the window at `at`, with enough not yet reversed. */
export const reverseConsumption: CommandHandler<ReverseConsumption> = {
  event({ data: { consumptionId, amount } }, envelope, options, state) {
    // The default: what is not yet reversed (0 when unknown or all reversed: refused by `check`, never recorded).
    let resolved = amount
    if (resolved === undefined) {
      const record = referencedAccountOf(state, options.reversalWindowMs).consumptionAt(consumptionId, parseInstant(envelope.at))
      resolved = record === undefined ? 0 : record.amount - record.reversed
    }
    return { type: 'ConsumptionReversed', ...envelope, data: { consumptionId, amount: resolved } }
  },
  check(command, now, options, subject) {
    const event = this.event(command, { id: command.id, accountId: command.accountId, at: command.at }, options, now)
    const account = referencedAccountOf(now, options.reversalWindowMs)
    const atMs = parseInstant(command.at)
    checkCorrection.reference(account, event, atMs, 'command')
    if (event.type === 'ConsumptionReversed' && event.data.amount === 0) {
      throw new ReversalExceedsConsumptionError(
        `${subject}: consumption ${show(command.data.consumptionId.slice(0, 64))} has no credits left to reverse`,
        { eventId: command.id, field: 'data.consumptionId', value: command.data.consumptionId },
      )
    }
    checkCorrection.amount(account, event, atMs, 'command')
  },
  isRetryOf({ data: { consumptionId, amount } }, recorded) {
    const match = RECORDED.exec(recorded)
    return match !== null && match[2] === consumptionId && (amount === undefined || Number(match[1]) === amount)
  },
}
