import { formatInstant, parseInstant } from '../time/instant.js'
import type { Account } from './account.js'
import { grant } from './grant.js'

/**
 * `PromotionalCreditsGranted` (SPEC §9.2): free credits (a trial, a goodwill
 * gesture, a promotion) in a `promotional` bucket with their own expiry,
 * independent of the plan: they survive upgrades, plan changes and
 * cancellation, and are drawn in the order of §3 (by expiry; never-expiring
 * ones last, after extra credits granted before them). Nothing is charged
 * and the bucket has no unit price. It is a grant: it repays a deficit first.
 *
 * @param expiresAt - after the event's `at` (checked), or `null` for never
 */
export function grantPromotionalCredits(account: Account, amount: number, expiresAt: string | null): void {
  grant(account, {
    source: 'promotional',
    credits: amount,
    expiresAt: expiresAt === null ? null : formatInstant(parseInstant(expiresAt)),
    unitPrice: null,
    charged: null,
    field: 'data.amount',
  })
}
