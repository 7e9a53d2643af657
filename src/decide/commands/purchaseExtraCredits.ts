import * as z from 'zod/mini'
import { credits, envelope } from '../../events/fields.js'

/**
 * Buy `quantity` extra credits at the ledger's unit price. Recorded as
 * `ExtraCreditsPurchased`; a quantity outside the ledger's bounds is `INVALID_COMMAND`.
 */
export const purchaseExtraCreditsSchema = envelope('PurchaseExtraCredits', z.strictObject({ quantity: credits }))
export type PurchaseExtraCredits = z.infer<typeof purchaseExtraCreditsSchema>
