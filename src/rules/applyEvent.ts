import type { CreditEvent } from '../events/index.js'
import type { Account } from './account.js'
import { consume } from './consume.js'
import { purchase } from './purchase.js'
import { start } from './start.js'
import { upgrade } from './upgrade.js'
import { cancel } from './cancel.js'
import { revokeCancellation } from './revokeCancellation.js'
import { schedulePlanChange } from './schedulePlanChange.js'
import { unschedulePlanChange } from './unschedulePlanChange.js'

/**
 * The rule of each event type. The clock has already moved to the event's
 * `at` (`passTime`) and the event has passed its checks (`check.ts`).
 */
export function applyEvent(account: Account, event: CreditEvent): void {
  switch (event.type) {
    case 'SubscriptionStarted':
      return start(account, event.data.plan)
    case 'CreditsConsumed':
      return consume(account, event.data.amount)
    case 'ExtraCreditsPurchased':
      return purchase(account, event.data.quantity, event.data.unitPrice)
    case 'PlanUpgraded':
      return upgrade(account, event.data.plan)
    case 'SubscriptionCancelled':
      return cancel(account, event.data.mode)
    case 'CancellationRevoked':
      return revokeCancellation(account)
    case 'PlanChangeScheduled':
      return schedulePlanChange(account, event.data.plan)
    case 'PlanChangeUnscheduled':
      return unschedulePlanChange(account)
    default: {
      const never: never = event
      return never
    }
  }
}
