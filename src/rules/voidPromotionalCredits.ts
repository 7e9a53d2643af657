import type { Account } from './account.js'

/**
 * `PromotionalCreditsVoided` (SPEC §9.2): the remaining credits of the
 * promotional bucket that event `grantId` created leave the account into
 * `totals.voided`, never `expired`: voiding a promotion is not breakage.
 * Credits of the grant already spent stay spent.
 *
 * @param grantId - the `PromotionalCreditsGranted` event; its bucket is live (checked: else `NOTHING_TO_VOID`)
 */
export function voidPromotionalCredits(account: Account, grantId: string): void {
  const bucket = account.buckets.createdBy(grantId, 'promotional')!
  const credits = bucket.remaining
  account.buckets.take(bucket, credits)
  account.count('voided', credits, 'data.grantId')
  account.record('void', bucket, -credits)
}
