import * as z from 'zod/mini'
import { guardCredits, guardMoney } from './guardFields.js'
import { credits, envelope, moneySchema } from './fields.js'

/** `quantity` extra credits were bought at `unitPrice` each: a bucket that never expires. */
export const extraCreditsPurchasedSchema = /* @__PURE__ */ envelope(
  'ExtraCreditsPurchased',
  z.strictObject({ quantity: credits, unitPrice: moneySchema }),
)
/** An `ExtraCreditsPurchased` event, as `parseEvent` returns it. */
export type ExtraCreditsPurchased = z.infer<typeof extraCreditsPurchasedSchema>

/** `ExtraCreditsPurchased.data`: `{ quantity: int > 0, unitPrice: Money }`. */
export function guardExtraCreditsPurchasedData(data: object, eventId: string): void {
  const { quantity, unitPrice } = data as { quantity?: unknown; unitPrice?: unknown }
  guardCredits(quantity, eventId, 'data.quantity')
  guardMoney(unitPrice, eventId, 'data.unitPrice')
}
