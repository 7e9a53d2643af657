/**
 * Plans of the lifecycle tests (contract v4). All in USD; BASIC_* grant 100
 * credits a month for USD 29.00 and differ only in their rollover policy.
 */
import type { Plan } from '../../src/index.js'
import { BASIC, PRO, usd } from '../support/plans.js'

export { BASIC, PRO }

/** 100 a month, at most 30 credits roll over. */
export const ROLL_30: Plan = { id: 'basic-30', monthlyCredits: 100, price: usd(2900), rollover: { maxCredits: 30 } }
/** 100 a month, at most 25 % of 100 = 25 credits roll over. */
export const ROLL_25PCT: Plan = { id: 'basic-25pct', monthlyCredits: 100, price: usd(2900), rollover: { maxPercent: 25 } }
/** 100 a month, at most 50 % of 100 = 50 credits roll over. */
export const ROLL_50PCT: Plan = { id: 'basic-50pct', monthlyCredits: 100, price: usd(2900), rollover: { maxPercent: 50 } }
/** 40 credits a month for USD 9.00, no rollover policy. */
export const LITE: Plan = { id: 'lite', monthlyCredits: 40, price: usd(900) }
/** 40 credits a month for USD 9.00, everything rolls over (a policy with no cap). */
export const LITE_ROLL_ALL: Plan = { id: 'lite-all', monthlyCredits: 40, price: usd(900), rollover: {} }

/** `[id, source, remaining, expiresAt]` of every bucket, in consumption order. */
export function bucketRows(state: { buckets: readonly { id: string; source: string; remaining: number; expiresAt: string | null }[] }) {
  return state.buckets.map((b) => [b.id, b.source, b.remaining, b.expiresAt])
}
