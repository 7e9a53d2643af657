import { z } from 'zod'
import { creditsConsumedSchema } from './creditsConsumed.js'
import { extraCreditsPurchasedSchema } from './extraCreditsPurchased.js'
import { planSchema, moneySchema } from './fields.js'
import { planUpgradedSchema } from './planUpgraded.js'
import { subscriptionStartedSchema } from './subscriptionStarted.js'
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
  promotionalCreditsGrantedSchema,
  promotionalCreditsVoidedSchema,
  consumptionReversedSchema,
  extraCreditsRefundedSchema,
])

/** An event of wire format v1, as `parseEvent` returns it. */
export type CreditEvent = z.infer<typeof creditEventSchema>
/** The names of the event types. */
export type CreditEventType = CreditEvent['type']
/** A plan: its id, the credits it grants each month and its monthly price. */
export type Plan = z.infer<typeof planSchema>

/** The event types this version knows, in the order of SPEC §4. */
export const EVENT_TYPES: readonly CreditEventType[] = [
  'SubscriptionStarted',
  'CreditsConsumed',
  'ExtraCreditsPurchased',
  'PlanUpgraded',
  'PromotionalCreditsGranted',
  'PromotionalCreditsVoided',
  'ConsumptionReversed',
  'ExtraCreditsRefunded',
]
