/**
 * Properties of decide over random states and random commands: an accepted
 * command yields the one event that records it, which evolve accepts; a
 * refused one is refused with the code that the rules of SPEC §4 and §6,
 * worked out independently here in their order of precedence, give.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  balance,
  createLedger,
  isCreditLedgerError,
  type AccountState,
  type CreditCommand,
  type CreditEvent,
  type Ledger,
  type Plan,
} from '../../src/index.js'
import { history, type HistoryBuilder } from '../../src/testing/index.js'
import { BASIC, PRO, SCALE, eur } from '../support/plans.js'

const DAY = 86_400_000
// Made by the first test that asks for it, never while vitest collects the
// file (Stryker would count that as static coverage).
let made: Ledger | undefined
const ledger = (): Ledger => (made ??= createLedger({ maxQuantity: 1_000 }))
const PLANS: Plan[] = [BASIC, PRO, SCALE, { id: 'euro', monthlyCredits: 300, price: eur(5000) }]

type Step = { gap: number; kind: 'consume' | 'purchase' | 'plan'; n: number }

const gap = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 1, max: 6 * 3_600_000 }),
  fc.integer({ min: 1, max: 45 }).map((d) => d * DAY),
)
const step: fc.Arbitrary<Step> = fc.record({
  gap,
  kind: fc.constantFrom('consume', 'consume', 'purchase', 'plan'),
  n: fc.integer({ min: 1, max: 400 }),
})

/** A valid history of acc-1 (USD only: the euro plan is for commands), built with the public history builder. */
function build(steps: Step[]): HistoryBuilder {
  let h = history('acc-1', { ledger: ledger() })
  for (const s of steps) {
    const at = `+${s.gap}ms`
    if (s.kind === 'consume') h = h.consume(s.n, at)
    else if (s.kind === 'purchase') h = h.buyExtra(s.n, at)
    else if (h.state.subscription === null) h = h.start(PLANS[s.n % 3]!, at)
    else h = h.upgrade(PLANS[s.n % 3]!, at)
  }
  return h
}

const command = (h: HistoryBuilder) =>
  fc.record({
    type: fc.constantFrom('StartSubscription', 'ConsumeCredits', 'PurchaseExtraCredits', 'UpgradePlan'),
    // Reusing the last event's id most often, so that retries within the window happen.
    reuse: fc.option(fc.oneof(fc.constant(0), fc.nat({ max: 30 })), { nil: null }),
    other: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    delta: fc.oneof(fc.constant(-DAY), fc.constant(0), fc.integer({ min: 1, max: 3 * DAY }), fc.integer({ min: 1, max: 90 }).map((d) => d * DAY)),
    n: fc.integer({ min: 1, max: 1_200 }),
    plan: fc.nat({ max: PLANS.length - 1 }),
    /** A consumption of any amount, or of exactly what is available at `at`, or one more: the edges of the rule. */
    fit: fc.constantFrom('any', 'exact', 'over'),
    /** With a reused id: send again the very command that recorded that event (a retry). */
    retry: fc.boolean(),
  }).map(({ type, reuse, other, delta, n, plan, fit, retry }): { command: CreditCommand; events: readonly CreditEvent[] } => {
    const events = h.events
    const reused = reuse !== null && events.length > 0 ? events[events.length - 1 - (reuse % events.length)]! : null
    const id = reused?.id ?? 'cmd-1'
    const clock = h.state.clock === null ? Date.parse('2025-01-01T00:00:00Z') : Date.parse(h.state.clock)
    const envelope = { id, accountId: other ? 'acc-2' : 'acc-1', at: new Date(clock + delta).toISOString() }
    if (reused !== null && retry) return { command: commandOf(reused, envelope), events }
    switch (type) {
      case 'StartSubscription':
        return { command: { type, ...envelope, data: { plan: PLANS[plan]! } }, events }
      case 'UpgradePlan':
        return { command: { type, ...envelope, data: { plan: PLANS[plan]! } }, events }
      case 'ConsumeCredits': {
        const available = delta < 0 ? 0 : balance(ledger().advanceTo(h.state, envelope.at)).available
        const amount = fit === 'any' || available === 0 ? n : fit === 'exact' ? available : available + 1
        return { command: { type, ...envelope, data: { amount } }, events }
      }
      default:
        return { command: { type: 'PurchaseExtraCredits', ...envelope, data: { quantity: n } }, events }
    }
  })

/** The command that `event` records, sent again with `envelope`. */
function commandOf(event: CreditEvent, envelope: { id: string; accountId: string; at: string }): CreditCommand {
  switch (event.type) {
    case 'SubscriptionStarted':
      return { type: 'StartSubscription', ...envelope, data: { plan: event.data.plan } }
    case 'PlanUpgraded':
      return { type: 'UpgradePlan', ...envelope, data: { plan: event.data.plan } }
    case 'CreditsConsumed':
      return { type: 'ConsumeCredits', ...envelope, data: { amount: event.data.amount } }
    case 'ExtraCreditsPurchased':
      return { type: 'PurchaseExtraCredits', ...envelope, data: { quantity: event.data.quantity } }
    default:
      throw new Error(`no command records ${(event as CreditEvent).type}`)
  }
}

/** Whether `event` records `command` (the same type and data: a retry). */
function records(event: CreditEvent, command: CreditCommand): boolean {
  const pairs: Record<string, string> = {
    StartSubscription: 'SubscriptionStarted',
    UpgradePlan: 'PlanUpgraded',
    ConsumeCredits: 'CreditsConsumed',
    PurchaseExtraCredits: 'ExtraCreditsPurchased',
  }
  if (pairs[command.type] !== event.type) return false
  const c = command.data as Record<string, unknown>
  const e = event.data as Record<string, unknown>
  if ('plan' in c) return JSON.stringify(c.plan) === JSON.stringify(e.plan)
  if ('amount' in c) return c.amount === e.amount && c.reason === e.reason
  return c.quantity === e.quantity
}

/** What the rules say of `command` against `state`: the events' count, or the code of the refusal. */
function expected(state: AccountState, command: CreditCommand, events: readonly CreditEvent[]): number | string {
  if (state.accountId !== null && command.accountId !== state.accountId) return 'ACCOUNT_MISMATCH'
  const atMs = Date.parse(command.at)
  const clockMs = state.clock === null ? -Infinity : Date.parse(state.clock)
  const seen = state.window.flat().find((entry) => entry.id === command.id)
  if (seen !== undefined && Date.parse(seen.at) + DAY > Math.max(clockMs, atMs)) {
    return records(events.find((e) => e.id === command.id)!, command) ? 0 : 'IDEMPOTENCY_CONFLICT'
  }
  if (atMs < clockMs) return 'OUT_OF_ORDER'
  const now = ledger().advanceTo(state, command.at)
  const currency = now.totals.charged?.currency ?? null
  switch (command.type) {
    case 'StartSubscription':
      if (now.subscription !== null) return 'SUBSCRIPTION_ACTIVE'
      if (currency !== null && command.data.plan.price.currency !== currency) return 'CURRENCY_MISMATCH'
      return 1
    case 'UpgradePlan':
      if (now.subscription === null) return 'NO_SUBSCRIPTION'
      if (currency !== null && command.data.plan.price.currency !== currency) return 'CURRENCY_MISMATCH'
      if (command.data.plan.monthlyCredits <= now.subscription.plan.monthlyCredits) return 'NOT_AN_UPGRADE'
      return 1
    case 'ConsumeCredits':
      return command.data.amount > balance(now).available ? 'INSUFFICIENT_CREDITS' : 1
    case 'PurchaseExtraCredits':
      return command.data.quantity > 1_000 ? 'INVALID_COMMAND' : 1
    default:
      throw new Error(`the scenario sends no ${command.type}`)
  }
}

const scenario = fc
  .array(step, { maxLength: 20 })
  .map(build)
  .chain((h) => command(h).map((c) => ({ h, ...c })))

describe('decide, as a property', () => {
  it('accepts exactly what the rules accept, with events evolve takes, and refuses with the code the rules give', () => {
    const outcomes = new Map<string, number>()
    fc.assert(
      fc.property(scenario, ({ h, command, events }) => {
        const state = h.state
        const want = expected(state, command, events)
        let got: number | string
        let decided: CreditEvent[] = []
        try {
          decided = ledger().decide(command, state)
          got = decided.length
        } catch (error) {
          if (!isCreditLedgerError(error)) throw error
          got = error.code
        }
        expect(got).toBe(want)
        outcomes.set(String(got), (outcomes.get(String(got)) ?? 0) + 1)
        if (decided.length === 1) {
          const [event] = decided
          expect(event).toMatchObject({ id: command.id, accountId: command.accountId, at: command.at })
          expect(records(event!, command)).toBe(true)
          const after = ledger().replay(decided, state)
          if (command.type === 'ConsumeCredits') {
            expect(balance(after).available).toBe(balance(ledger().advanceTo(state, command.at)).available - command.data.amount)
          }
        }
      }),
      { numRuns: 400 },
    )
    // Every outcome was reached, so the property says something about each.
    for (const code of [1, 0, 'ACCOUNT_MISMATCH', 'IDEMPOTENCY_CONFLICT', 'OUT_OF_ORDER', 'SUBSCRIPTION_ACTIVE', 'NO_SUBSCRIPTION', 'NOT_AN_UPGRADE', 'INSUFFICIENT_CREDITS', 'INVALID_COMMAND', 'CURRENCY_MISMATCH']) {
      expect(outcomes.get(String(code)) ?? 0, `outcome ${code} never happened`).toBeGreaterThan(0)
    }
  })
})
