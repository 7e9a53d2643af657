import type { CreditEvent, Plan } from '../src/index.js'
import { ReferenceFold } from './reference-fold.js'

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

/** The plans of `generateLifecycleAccount`, smallest first, with rollover policies (contract v4). */
export const LIFECYCLE_PLANS: Plan[] = [
  { id: 'starter-roll', monthlyCredits: 20_000, price: { amount: 1900, currency: 'USD' }, rollover: { maxPercent: 50 } },
  { id: 'growth-roll', monthlyCredits: 30_000, price: { amount: 7900, currency: 'USD' }, rollover: { maxCredits: 8_000 } },
  { id: 'scale-roll', monthlyCredits: 60_000, price: { amount: 24900, currency: 'USD' }, rollover: { maxCredits: 15_000, maxPercent: 20 } },
  { id: 'enterprise', monthlyCredits: 200_000, price: { amount: 99900, currency: 'USD' } },
]

/**
 * `count` events of one account with the lifecycle of contract v4: mostly
 * consumptions, about 3% purchases of extra credits, and every two weeks
 * or so one of: an upgrade, a scheduled downgrade (or its unscheduling), a
 * period-end cancellation (or its revocation), an immediate cancellation;
 * a new start about a week after a subscription has ended. Plans carry
 * rollover caps and grant more than the account consumes (about 17,000
 * credits a month), so most renewals roll credits over. The clock moves about 5 minutes per event, so
 * a history of 100,000 events spans about a year of renewals.
 *
 * The account's state is followed with the hand-written reference fold, so
 * that every event is valid where it falls (e.g. no revocation once the
 * period has ended).
 */
export function generateLifecycleAccount(accountId: string, count: number, seed = 1, startMs = Date.UTC(2020, 0, 1)): CreditEvent[] {
  const random = prng(seed)
  const ref = new ReferenceFold()
  const events: CreditEvent[] = []
  let t = startMs
  let plan = 0
  const at = () => new Date(t).toISOString()
  const push = (event: CreditEvent) => {
    ref.apply(event)
    events.push(event)
  }
  push({ type: 'SubscriptionStarted', id: `${accountId}-1`, accountId, at: at(), data: { plan: LIFECYCLE_PLANS[0]! } })
  for (let n = 2; n <= count; n++) {
    t += 1 + Math.floor(random() * 600_000)
    ref.advance(t)
    const r = random()
    const id = `${accountId}-${n}`
    const base = { id, accountId, at: at() }
    if (r < 0.03) {
      push({ type: 'ExtraCreditsPurchased', ...base, data: { quantity: 50 + Math.floor(random() * 100), unitPrice: { amount: 125, currency: 'USD' } } })
    } else if (r < 0.031 && !ref.active) {
      // a new start, about a week after a subscription has ended
      plan = Math.floor(random() * 2)
      push({ type: 'SubscriptionStarted', ...base, data: { plan: LIFECYCLE_PLANS[plan]! } })
    } else if (r < 0.0302 && ref.active) {
      // the lifecycle of an active subscription, about every two weeks: one of the moves valid now
      const moves: (() => void)[] = []
      if (random() < 0.3) moves.push(() => push({ type: 'SubscriptionCancelled', ...base, data: { mode: 'immediate' } }))
      if (plan < LIFECYCLE_PLANS.length - 1 && random() < 0.3) moves.push(() => push({ type: 'PlanUpgraded', ...base, data: { plan: LIFECYCLE_PLANS[++plan]! } }))
      if (plan > 0 && !ref.cancelAtPeriodEnd) moves.push(() => push({ type: 'PlanChangeScheduled', ...base, data: { plan: LIFECYCLE_PLANS[--plan]! } }))
      if (ref.scheduled !== null) moves.push(() => push({ type: 'PlanChangeUnscheduled', ...base, data: {} }))
      if (!ref.cancelAtPeriodEnd) moves.push(() => push({ type: 'SubscriptionCancelled', ...base, data: { mode: 'periodEnd' } }))
      else moves.push(() => push({ type: 'CancellationRevoked', ...base, data: {} }))
      moves[Math.floor(random() * moves.length)]!()
    } else {
      push({ type: 'CreditsConsumed', ...base, data: { amount: 1 + Math.floor(random() * 3) } })
    }
  }
  return events
}

/**
 * Like `generateAccount`, with the corrections of contract v4 (SPEC §9.2)
 * mixed in: about 1% promotional grants (100–500 credits, expiring in 1–30
 * days or never), 1% reversals of one of the last 64 consumptions (all that
 * is left of it, or part), 0.5% refunds of part of a recent purchase, 0.2%
 * voids of a recent promotion. It folds as it writes (with the reference
 * fold), so every correction refers to something that exists: one that
 * would be refused is written as a consumption instead.
 *
 * @param stretch - multiplies the gaps between events (so that a few thousand events span months); the
 *   corrections are checked at the stretched times
 */
export function generateAccountWithCorrections(
  accountId: string,
  count: number,
  seed = 1,
  startMs = Date.UTC(2020, 0, 1),
  stretch = 1,
): CreditEvent[] {
  const random = prng(seed)
  const fold = new ReferenceFold()
  const events: CreditEvent[] = []
  const consumptions: string[] = []
  const purchases: string[] = []
  const promotions: string[] = []
  let t = startMs
  let plan = 0
  const at = () => new Date(t).toISOString()
  const recent = (ids: string[]) => ids[ids.length - 1 - Math.floor(random() * Math.min(ids.length, 64))]
  const add = (event: CreditEvent, fallback: () => CreditEvent) => {
    try {
      fold.apply(event)
      events.push(event)
      return true
    } catch {
      const instead = fallback()
      fold.apply(instead)
      events.push(instead)
      return false
    }
  }
  add({ type: 'SubscriptionStarted', id: `${accountId}-1`, accountId, at: at(), data: { plan: PLANS[0]! } }, () => {
    throw new Error('unreachable')
  })
  for (let n = 2; n <= count; n++) {
    t += (1 + Math.floor(random() * 60_000)) * stretch
    const r = random()
    const id = `${accountId}-${n}`
    const consume = (): CreditEvent => {
      consumptions.push(id)
      return { type: 'CreditsConsumed', id, accountId, at: at(), data: { amount: 1 + Math.floor(random() * 3) } }
    }
    if (r < 0.03) {
      purchases.push(id)
      add({ type: 'ExtraCreditsPurchased', id, accountId, at: at(), data: { quantity: 50 + Math.floor(random() * 100), unitPrice: { amount: 125, currency: 'USD' } } }, consume)
    } else if (r < 0.03002 && plan < PLANS.length - 1) {
      plan++
      add({ type: 'PlanUpgraded', id, accountId, at: at(), data: { plan: PLANS[plan]! } }, consume)
    } else if (r < 0.04 && consumptions.length > 0) {
      const consumptionId = recent(consumptions)!
      const record = fold.records.get(consumptionId)
      const left = record === undefined ? 1 : record.amount - record.reversed
      const amount = random() < 0.7 ? Math.max(1, left) : 1
      add({ type: 'ConsumptionReversed', id, accountId, at: at(), data: { consumptionId, amount } }, consume)
    } else if (r < 0.05) {
      promotions.push(id)
      const days = Math.floor(random() * 31)
      const expiresAt = days === 0 ? null : new Date(t + days * 86_400_000).toISOString()
      add({ type: 'PromotionalCreditsGranted', id, accountId, at: at(), data: { amount: 100 + Math.floor(random() * 400), expiresAt, reason: 'promotion' } }, consume)
    } else if (r < 0.055 && purchases.length > 0) {
      add({ type: 'ExtraCreditsRefunded', id, accountId, at: at(), data: { purchaseId: recent(purchases)!, quantity: 1 + Math.floor(random() * 20) } }, consume)
    } else if (r < 0.057 && promotions.length > 0) {
      add({ type: 'PromotionalCreditsVoided', id, accountId, at: at(), data: { grantId: recent(promotions)! } }, consume)
    } else {
      add(consume(), consume)
    }
  }
  return events
}
