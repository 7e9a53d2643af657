import fc from 'fast-check'
import type { CreditEvent, Money, Plan } from '../../src/index.js'

export const usd = (amount: number): Money => ({ amount, currency: 'USD' })
export const starter: Plan = { id: 'starter', monthlyCredits: 100, price: usd(1000) }
export const pro: Plan = { id: 'pro', monthlyCredits: 500, price: usd(4000) }

let counter = 0
const nextId = (accountId: string) => `${accountId}-e${++counter}`

export const start = (accountId: string, at: string, plan: Plan = starter): CreditEvent => ({
  type: 'SubscriptionStarted',
  id: nextId(accountId),
  accountId,
  at,
  data: { plan },
})
export const consume = (accountId: string, at: string, amount: number): CreditEvent => ({
  type: 'CreditsConsumed',
  id: nextId(accountId),
  accountId,
  at,
  data: { amount },
})
export const buy = (accountId: string, at: string, quantity: number, unitPrice: Money = usd(125)): CreditEvent => ({
  type: 'ExtraCreditsPurchased',
  id: nextId(accountId),
  accountId,
  at,
  data: { quantity, unitPrice },
})
export const upgrade = (accountId: string, at: string, plan: Plan = pro): CreditEvent => ({
  type: 'PlanUpgraded',
  id: nextId(accountId),
  accountId,
  at,
  data: { plan },
})

const DAY = 86_400_000
const T0 = Date.UTC(2025, 0, 15, 10)

type Op =
  | { kind: 'start'; dt: number; credits: number }
  | { kind: 'consume'; dt: number; amount: number }
  | { kind: 'buy'; dt: number; quantity: number; price: number }
  | { kind: 'upgrade'; dt: number; credits: number }

const dt = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3_600_000 }), fc.integer({ min: DAY, max: 45 * DAY }))
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('start' as const), dt, credits: fc.integer({ min: 1, max: 200 }) }),
  { arbitrary: fc.record({ kind: fc.constant('consume' as const), dt, amount: fc.integer({ min: 1, max: 300 }) }), weight: 4 },
  fc.record({
    kind: fc.constant('buy' as const),
    dt,
    quantity: fc.integer({ min: 1, max: 200 }),
    price: fc.constantFrom(100, 125, 150),
  }),
  fc.record({ kind: fc.constant('upgrade' as const), dt, credits: fc.integer({ min: 1, max: 400 }) }),
)

/** Valid events of one account from random operations (starts only once, upgrades only after a start). */
export function accountHistory(accountId: string, ops: readonly Op[], offsetMs: number): CreditEvent[] {
  const events: CreditEvent[] = []
  let t = T0 + offsetMs
  let started = false
  let n = 0
  for (const o of ops) {
    t += o.dt
    const at = new Date(t).toISOString()
    const id = `${accountId}-${++n}`
    switch (o.kind) {
      case 'start':
        if (started) continue
        started = true
        events.push({ type: 'SubscriptionStarted', id, accountId, at, data: { plan: { id: 'p', monthlyCredits: o.credits, price: usd(o.credits * 10) } } })
        break
      case 'consume':
        events.push({ type: 'CreditsConsumed', id, accountId, at, data: { amount: o.amount } })
        break
      case 'buy':
        events.push({ type: 'ExtraCreditsPurchased', id, accountId, at, data: { quantity: o.quantity, unitPrice: usd(o.price) } })
        break
      case 'upgrade':
        if (!started) continue
        events.push({ type: 'PlanUpgraded', id, accountId, at, data: { plan: { id: 'u', monthlyCredits: o.credits, price: usd(o.credits * 8) } } })
        break
    }
  }
  return events
}

/** Several accounts' histories, interleaved by time (stable). */
export const interleavedHistories: fc.Arbitrary<CreditEvent[]> = fc
  .array(fc.tuple(fc.array(op, { minLength: 1, maxLength: 25 }), fc.integer({ min: 0, max: 60 * DAY })), {
    minLength: 1,
    maxLength: 4,
  })
  .map((accounts) => {
    const all = accounts.flatMap(([ops, offset], i) => accountHistory(`acc-${i}`, ops, offset))
    return all
      .map((event, index) => ({ event, index, ms: Date.parse(event.at) }))
      .sort((a, b) => a.ms - b.ms || a.index - b.index)
      .map((x) => x.event)
  })

export async function* toAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  for (const item of items) yield item
}
