import * as z from 'zod/mini'
import { consumeCreditsSchema } from './consumeCredits.js'
import { purchaseExtraCreditsSchema } from './purchaseExtraCredits.js'
import { startSubscriptionSchema } from './startSubscription.js'
import { upgradePlanSchema } from './upgradePlan.js'

export type { ConsumeCredits } from './consumeCredits.js'
export type { PurchaseExtraCredits } from './purchaseExtraCredits.js'
export type { StartSubscription } from './startSubscription.js'
export type { UpgradePlan } from './upgradePlan.js'
export { consumeCreditsSchema, purchaseExtraCreditsSchema, startSubscriptionSchema, upgradePlanSchema }

/** The zod schema of every command of contract v2. */
export const creditCommandSchema = z.discriminatedUnion('type', [
  startSubscriptionSchema,
  consumeCreditsSchema,
  purchaseExtraCreditsSchema,
  upgradePlanSchema,
])

/** A command of contract v2, as `parseCommand` returns it. */
export type CreditCommand = z.infer<typeof creditCommandSchema>
/** The names of the command types. */
export type CreditCommandType = CreditCommand['type']

/** The command types this version knows, in the order of SPEC §6. */
export const COMMAND_TYPES: readonly CreditCommandType[] = Object.freeze([
  'StartSubscription',
  'ConsumeCredits',
  'PurchaseExtraCredits',
  'UpgradePlan',
] as const)
