import * as z from 'zod/mini'
import { creditsConsumedSchema } from './creditsConsumed.js'
import { extraCreditsPurchasedSchema } from './extraCreditsPurchased.js'
import { planSchema, moneySchema } from './fields.js'
import { planUpgradedSchema } from './planUpgraded.js'
import { subscriptionStartedSchema } from './subscriptionStarted.js'

export type { CreditsConsumed } from './creditsConsumed.js'
export type { ExtraCreditsPurchased } from './extraCreditsPurchased.js'
export type { PlanUpgraded } from './planUpgraded.js'
export type { SubscriptionStarted } from './subscriptionStarted.js'
export { creditsConsumedSchema, extraCreditsPurchasedSchema, planUpgradedSchema, subscriptionStartedSchema }
export { planSchema, moneySchema }

/** The zod schema of every event of wire format v1. */
export const creditEventSchema = z.discriminatedUnion('type', [
  subscriptionStartedSchema,
  creditsConsumedSchema,
  extraCreditsPurchasedSchema,
  planUpgradedSchema,
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
]
