/**
 * Plan and money fixtures shared by test suites. Small and stable: other
 * suites import these, so change a value only with every suite that uses it.
 */
import type { Money, Plan } from '../../src/index.js'

/** Wire money in US dollars: `usd(125)` is USD 1.25; `usd(12500, 4)` is the same amount at scale 4. */
export function usd(amount: number, scale?: number): Money {
  return scale === undefined ? { amount, currency: 'USD' } : { amount, currency: 'USD', scale }
}

/** Wire money in euros. */
export function eur(amount: number, scale?: number): Money {
  return scale === undefined ? { amount, currency: 'EUR' } : { amount, currency: 'EUR', scale }
}

/** The default price of one extra credit (SPEC §1.3): USD 1.25. */
export const EXTRA_CREDIT_PRICE: Money = Object.freeze(usd(125))

/** 100 credits a month for USD 29.00. */
export const BASIC: Plan = Object.freeze({ id: 'basic', monthlyCredits: 100, price: Object.freeze(usd(2900)) })
/** 500 credits a month for USD 99.00. */
export const PRO: Plan = Object.freeze({ id: 'pro', monthlyCredits: 500, price: Object.freeze(usd(9900)) })
/** 2,000 credits a month for USD 299.00. */
export const SCALE: Plan = Object.freeze({ id: 'scale', monthlyCredits: 2000, price: Object.freeze(usd(29900)) })

/** A fresh, unfrozen copy of a plan (for checking that inputs are neither mutated nor frozen). */
export function planCopy(plan: Plan): Plan {
  return JSON.parse(JSON.stringify(plan)) as Plan
}
