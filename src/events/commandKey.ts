import { canonicalMoney } from '../money/money.js'
import type { CreditEvent, Plan } from './index.js'

/**
 * What identifies the command behind an event, for retries within the
 * idempotency window (SPEC §4): the type and the data a command would
 * repeat (a purchase's unit price comes from the ledger, so it is left out).
 * `decide` compares it to tell a retry (same key: no events) from another
 * command with the same id (`IDEMPOTENCY_CONFLICT`).
 */
export function commandKey(event: CreditEvent): string {
  switch (event.type) {
    case 'CreditsConsumed': {
      const { amount, reason } = event.data
      if (reason !== undefined) return `CreditsConsumed ${amount} ${reason}`
      return amount < CONSUME_KEYS.length ? (CONSUME_KEYS[amount] ??= `CreditsConsumed ${amount}`) : `CreditsConsumed ${amount}`
    }
    case 'ExtraCreditsPurchased':
      return `ExtraCreditsPurchased ${event.data.quantity}`
    case 'SubscriptionStarted':
    case 'PlanUpgraded':
      return `${event.type} ${planKey(event.data.plan)}`
    case 'SubscriptionCancelled':
      return `SubscriptionCancelled ${event.data.mode}`
    case 'CancellationRevoked':
    case 'PlanChangeUnscheduled':
      return event.type
    case 'PlanChangeScheduled':
      return `PlanChangeScheduled ${planKey(event.data.plan)}`
    case 'PromotionalCreditsGranted': {
      const { amount, expiresAt, reason } = event.data
      return `PromotionalCreditsGranted ${JSON.stringify([amount, expiresAt, reason])}`
    }
    case 'PromotionalCreditsVoided':
      return `PromotionalCreditsVoided ${event.data.grantId}`
    case 'ConsumptionReversed':
      // The amount first: a `ReverseConsumption` that left it to its default is a retry of any amount (see the command).
      return `ConsumptionReversed ${event.data.amount} ${event.data.consumptionId}`
    case 'ExtraCreditsRefunded':
      return `ExtraCreditsRefunded ${event.data.quantity} ${event.data.purchaseId}`
    default: {
      const never: never = event
      return never
    }
  }
}

/** The keys of small consumptions, made once: most events of a history are these. */
const CONSUME_KEYS: (string | undefined)[] = new Array(1024)

function planKey(plan: Plan): string {
  const price = canonicalMoney(plan.price)
  const key: unknown[] = [plan.id, plan.monthlyCredits, price.amount, price.currency, price.scale ?? null]
  // A plan without a rollover policy keeps the key of wire format v1 (windows in older snapshots hold it).
  if (plan.rollover !== undefined) key.push(plan.rollover.maxCredits ?? null, plan.rollover.maxPercent ?? null)
  return JSON.stringify(key)
}
