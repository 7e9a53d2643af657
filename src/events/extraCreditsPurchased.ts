import * as z from 'zod/mini'
import { credits, envelope, moneySchema } from './fields.js'

/** `quantity` extra credits were bought at `unitPrice` each: a bucket that never expires. */
export const extraCreditsPurchasedSchema = envelope(
  'ExtraCreditsPurchased',
  z.strictObject({ quantity: credits, unitPrice: moneySchema }),
)
export type ExtraCreditsPurchased = z.infer<typeof extraCreditsPurchasedSchema>
