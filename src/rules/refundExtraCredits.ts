import type { Account } from './account.js'

/**
 * `ExtraCreditsRefunded` (SPEC §9.2): `quantity` unused credits of the extra
 * bucket that purchase `purchaseId` created leave the account into
 * `totals.refunded`, and are paid back at the unit price they were bought at
 * (whatever the ledger's price is today), through dinero.js, into
 * `totals.refundedMoney`. `totals.charged` is never reduced, and credits
 * already consumed are never clawed back (`REFUND_EXCEEDS_REMAINING`).
 *
 * @param purchaseId - the `ExtraCreditsPurchased` event; its bucket is live and holds `quantity` (checked)
 */
export function refundExtraCredits(account: Account, purchaseId: string, quantity: number): void {
  const bucket = account.buckets.createdBy(purchaseId, 'extra')!
  const refunded = account.refund(bucket.unitPrice!, quantity, 'data.quantity')
  account.count('refunded', quantity, 'data.quantity')
  account.buckets.take(bucket, quantity)
  account.record('refund', bucket, -quantity, { source: 'extra', charged: null, refunded })
}
