import * as z from 'zod/mini'
import { InvalidCommandError } from '../../errors.js'
import { credits, envelope } from '../../events/fields.js'
import { quantityProblem } from '../quantity.js'
import type { CommandHandler } from './handler.js'

/**
 * Buy `quantity` extra credits at the ledger's unit price. Recorded as
 * `ExtraCreditsPurchased`; a quantity outside the ledger's bounds is `INVALID_COMMAND`.
 */
export const purchaseExtraCreditsSchema = /* @__PURE__ */ envelope('PurchaseExtraCredits', z.strictObject({ quantity: credits }))
export type PurchaseExtraCredits = z.infer<typeof purchaseExtraCreditsSchema>

/** A purchase is priced by the ledger (`extraCreditPrice`) and bounded by its `minQuantity`/`maxQuantity`. */
export const purchaseExtraCredits: CommandHandler<PurchaseExtraCredits> = {
  event({ data: { quantity } }, envelope, options) {
    return { type: 'ExtraCreditsPurchased', ...envelope, data: { quantity, unitPrice: { ...options.extraCreditPrice } } }
  },
  check({ id, data: { quantity } }, _now, options, subject) {
    const problem = quantityProblem(options, quantity)
    if (problem !== null) {
      throw new InvalidCommandError(`${subject}: data.quantity ${problem} (got ${quantity})`, {
        eventId: id,
        field: 'data.quantity',
        value: quantity,
      })
    }
  },
}
