import type { CreditEvent, Plan } from '../src/index.js'

/** A deterministic pseudo-random generator (mulberry32), so every run measures the same history. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const PLANS: Plan[] = [
  { id: 'starter', monthlyCredits: 1_000, price: { amount: 1900, currency: 'USD' } },
  { id: 'growth', monthlyCredits: 5_000, price: { amount: 7900, currency: 'USD' } },
  { id: 'scale', monthlyCredits: 20_000, price: { amount: 24900, currency: 'USD' } },
  { id: 'enterprise', monthlyCredits: 100_000, price: { amount: 99900, currency: 'USD' } },
]

/**
 * `count` events of one account: a start, then mostly consumptions, about 3%
 * purchases of extra credits (so thousands of extra buckets stay live), a few
 * upgrades; the clock moves about 30 s per event, so monthly renewals happen.
 */
export function generateAccount(accountId: string, count: number, seed = 1, startMs = Date.UTC(2020, 0, 1)): CreditEvent[] {
  const random = prng(seed)
  const events: CreditEvent[] = []
  let t = startMs
  let plan = 0
  const at = () => new Date(t).toISOString()
  events.push({ type: 'SubscriptionStarted', id: `${accountId}-1`, accountId, at: at(), data: { plan: PLANS[0]! } })
  for (let n = 2; n <= count; n++) {
    t += 1 + Math.floor(random() * 60_000)
    const r = random()
    const id = `${accountId}-${n}`
    if (r < 0.03) {
      events.push({ type: 'ExtraCreditsPurchased', id, accountId, at: at(), data: { quantity: 50 + Math.floor(random() * 100), unitPrice: { amount: 125, currency: 'USD' } } })
    } else if (r < 0.03002 && plan < PLANS.length - 1) {
      plan++
      events.push({ type: 'PlanUpgraded', id, accountId, at: at(), data: { plan: PLANS[plan]! } })
    } else {
      events.push({ type: 'CreditsConsumed', id, accountId, at: at(), data: { amount: 1 + Math.floor(random() * 3) } })
    }
  }
  return events
}
