/** Commands and decide (SPEC §6): the public part, re-exported by src/index.ts. */
export {
  COMMAND_TYPES,
  consumeCreditsSchema,
  creditCommandSchema,
  purchaseExtraCreditsSchema,
  startSubscriptionSchema,
  upgradePlanSchema,
  type ConsumeCredits,
  type CreditCommand,
  type CreditCommandType,
  type PurchaseExtraCredits,
  type StartSubscription,
  type UpgradePlan,
  cancelSubscriptionSchema,
  revokeCancellationSchema,
  downgradePlanSchema,
  cancelPlanChangeSchema,
  type CancelSubscription,
  type RevokeCancellation,
  type DowngradePlan,
  type CancelPlanChange,
  grantPromotionalCreditsSchema,
  voidPromotionalCreditsSchema,
  reverseConsumptionSchema,
  refundExtraCreditsSchema,
  type GrantPromotionalCredits,
  type VoidPromotionalCredits,
  type ReverseConsumption,
  type RefundExtraCredits,
} from './commands/index.js'
export { parseCommand } from './parseCommand.js'
export { decide } from './decide.js'
export { quoteExtraCredits } from './quoteExtraCredits.js'
