import * as z from 'zod/mini'
import { creditsConsumedSchema } from './creditsConsumed.js'
import { extraCreditsPurchasedSchema } from './extraCreditsPurchased.js'
import { planSchema, moneySchema } from './fields.js'
import { planUpgradedSchema } from './planUpgraded.js'
import { subscriptionStartedSchema } from './subscriptionStarted.js'
import { cancellationModeSchema, subscriptionCancelledSchema } from './subscriptionCancelled.js'
import { cancellationRevokedSchema } from './cancellationRevoked.js'
import { planChangeScheduledSchema } from './planChangeScheduled.js'
import { planChangeUnscheduledSchema } from './planChangeUnscheduled.js'
import { promotionalCreditsGrantedSchema } from './promotionalCreditsGranted.js'
import { promotionalCreditsVoidedSchema } from './promotionalCreditsVoided.js'
import { consumptionReversedSchema } from './consumptionReversed.js'
import { extraCreditsRefundedSchema } from './extraCreditsRefunded.js'

export type { CreditsConsumed } from './creditsConsumed.js'
export type { ExtraCreditsPurchased } from './extraCreditsPurchased.js'
export type { PlanUpgraded } from './planUpgraded.js'
export type { SubscriptionStarted } from './subscriptionStarted.js'
export { creditsConsumedSchema, extraCreditsPurchasedSchema, planUpgradedSchema, subscriptionStartedSchema }
export { planSchema, moneySchema }
export type { CancellationMode, SubscriptionCancelled } from './subscriptionCancelled.js'
export type { CancellationRevoked } from './cancellationRevoked.js'
export type { PlanChangeScheduled } from './planChangeScheduled.js'
export type { PlanChangeUnscheduled } from './planChangeUnscheduled.js'
export { cancellationModeSchema, subscriptionCancelledSchema, cancellationRevokedSchema, planChangeScheduledSchema, planChangeUnscheduledSchema }
export { rolloverPolicySchema } from './fields.js'
export type { PromotionalCreditsGranted } from './promotionalCreditsGranted.js'
export type { PromotionalCreditsVoided } from './promotionalCreditsVoided.js'
export type { ConsumptionReversed } from './consumptionReversed.js'
export type { ExtraCreditsRefunded } from './extraCreditsRefunded.js'
export { promotionalCreditsGrantedSchema, promotionalCreditsVoidedSchema, consumptionReversedSchema, extraCreditsRefundedSchema }

/** The zod schema of every event of wire format v1. */
export const creditEventSchema = z.discriminatedUnion('type', [
  subscriptionStartedSchema,
  creditsConsumedSchema,
  extraCreditsPurchasedSchema,
  planUpgradedSchema,
  subscriptionCancelledSchema,
  cancellationRevokedSchema,
  planChangeScheduledSchema,
  planChangeUnscheduledSchema,
  promotionalCreditsGrantedSchema,
  promotionalCreditsVoidedSchema,
  consumptionReversedSchema,
  extraCreditsRefundedSchema,
])

/** An event of wire format v1, as `parseEvent` returns it. */
export type CreditEvent = z.infer<typeof creditEventSchema>
/** The names of the event types. */
export type CreditEventType = CreditEvent['type']
/** A plan: its id, the credits it grants each month, its monthly price and its optional rollover policy. */
export type Plan = z.infer<typeof planSchema>
/** A plan's rollover policy: the caps on the unused credits that move into the next period. */
export type RolloverPolicy = NonNullable<Plan['rollover']>

/** The event types this version knows, in the order of SPEC §4. */
export const EVENT_TYPES: readonly CreditEventType[] = [
  'SubscriptionStarted',
  'CreditsConsumed',
  'ExtraCreditsPurchased',
  'PlanUpgraded',
  'SubscriptionCancelled',
  'CancellationRevoked',
  'PlanChangeScheduled',
  'PlanChangeUnscheduled',
  'PromotionalCreditsGranted',
  'PromotionalCreditsVoided',
  'ConsumptionReversed',
  'ExtraCreditsRefunded',
]
