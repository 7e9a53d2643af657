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
import { grantPromotionalCredits } from './grantPromotionalCredits.js'
import { voidPromotionalCredits } from './voidPromotionalCredits.js'
import { reverseConsumption } from './reverseConsumption.js'
import { refundExtraCredits } from './refundExtraCredits.js'

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
    case 'PromotionalCreditsGranted':
      return grantPromotionalCredits(account, event.data.amount, event.data.expiresAt)
    case 'PromotionalCreditsVoided':
      return voidPromotionalCredits(account, event.data.grantId)
    case 'ConsumptionReversed':
      return reverseConsumption(account, event.data.consumptionId, event.data.amount)
    case 'ExtraCreditsRefunded':
      return refundExtraCredits(account, event.data.purchaseId, event.data.quantity)
    default: {
      const never: never = event
      return never
    }
  }
}
