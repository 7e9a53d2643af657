/** Commands, decide and the ledger (SPEC §6): the public part, re-exported by src/index.ts. */
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
export { createLedger, type BoundReplayAll, type BoundReport, type BoundStatement, type Ledger } from '../ledger/createLedger.js'
export { ledgerOptionsSchema, type LedgerOptions, type ResolvedLedgerOptions } from '../ledger/options.js'
