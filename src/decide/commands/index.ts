import * as z from 'zod/mini'
import { consumeCredits, consumeCreditsSchema } from './consumeCredits.js'
import { purchaseExtraCredits, purchaseExtraCreditsSchema } from './purchaseExtraCredits.js'
import { startSubscription, startSubscriptionSchema } from './startSubscription.js'
import { upgradePlan, upgradePlanSchema } from './upgradePlan.js'
import type { CommandHandler } from './handler.js'
import { cancelSubscription, cancelSubscriptionSchema } from './cancelSubscription.js'
import { revokeCancellation, revokeCancellationSchema } from './revokeCancellation.js'
import { downgradePlan, downgradePlanSchema } from './downgradePlan.js'
import { cancelPlanChange, cancelPlanChangeSchema } from './cancelPlanChange.js'
import { grantPromotionalCredits, grantPromotionalCreditsSchema } from './grantPromotionalCredits.js'
import { voidPromotionalCredits, voidPromotionalCreditsSchema } from './voidPromotionalCredits.js'
import { reverseConsumption, reverseConsumptionSchema } from './reverseConsumption.js'
import { refundExtraCredits, refundExtraCreditsSchema } from './refundExtraCredits.js'

export type { ConsumeCredits } from './consumeCredits.js'
export type { PurchaseExtraCredits } from './purchaseExtraCredits.js'
export type { StartSubscription } from './startSubscription.js'
export type { UpgradePlan } from './upgradePlan.js'
export { consumeCreditsSchema, purchaseExtraCreditsSchema, startSubscriptionSchema, upgradePlanSchema }
export type { CancelSubscription } from './cancelSubscription.js'
export type { RevokeCancellation } from './revokeCancellation.js'
export type { DowngradePlan } from './downgradePlan.js'
export type { CancelPlanChange } from './cancelPlanChange.js'
export { cancelSubscriptionSchema, revokeCancellationSchema, downgradePlanSchema, cancelPlanChangeSchema }
export type { GrantPromotionalCredits } from './grantPromotionalCredits.js'
export type { VoidPromotionalCredits } from './voidPromotionalCredits.js'
export type { ReverseConsumption } from './reverseConsumption.js'
export type { RefundExtraCredits } from './refundExtraCredits.js'
export { grantPromotionalCreditsSchema, voidPromotionalCreditsSchema, reverseConsumptionSchema, refundExtraCreditsSchema }

/** The zod schema of every command of contract v2. */
export const creditCommandSchema = /* @__PURE__ */ z.discriminatedUnion('type', [
  startSubscriptionSchema,
  consumeCreditsSchema,
  purchaseExtraCreditsSchema,
  upgradePlanSchema,
  cancelSubscriptionSchema,
  revokeCancellationSchema,
  downgradePlanSchema,
  cancelPlanChangeSchema,
  grantPromotionalCreditsSchema,
  voidPromotionalCreditsSchema,
  reverseConsumptionSchema,
  refundExtraCreditsSchema,
])

/** A command of contract v2, as `parseCommand` returns it. */
export type CreditCommand = z.infer<typeof creditCommandSchema>
/** The names of the command types. */
export type CreditCommandType = CreditCommand['type']

/** The command types this version knows, in the order of SPEC §6. */
export const COMMAND_TYPES: readonly CreditCommandType[] = /* @__PURE__ */ Object.freeze([
  'StartSubscription',
  'ConsumeCredits',
  'PurchaseExtraCredits',
  'UpgradePlan',
  'CancelSubscription',
  'RevokeCancellation',
  'DowngradePlan',
  'CancelPlanChange',
  'GrantPromotionalCredits',
  'VoidPromotionalCredits',
  'ReverseConsumption',
  'RefundExtraCredits',
] as const)

/** The handler of each command type: how `decide` records it and the rule it checks. */
export const HANDLERS: { readonly [T in CreditCommandType]: CommandHandler<Extract<CreditCommand, { type: T }>> } = {
  StartSubscription: startSubscription,
  ConsumeCredits: consumeCredits,
  PurchaseExtraCredits: purchaseExtraCredits,
  UpgradePlan: upgradePlan,
  CancelSubscription: cancelSubscription,
  RevokeCancellation: revokeCancellation,
  DowngradePlan: downgradePlan,
  CancelPlanChange: cancelPlanChange,
  GrantPromotionalCredits: grantPromotionalCredits,
  VoidPromotionalCredits: voidPromotionalCredits,
  ReverseConsumption: reverseConsumption,
  RefundExtraCredits: refundExtraCredits,
}
