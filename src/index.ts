/**
 * credit-ledger: the credit balance of a customer account of a credit-based
 * SaaS subscription, event-sourced. The only public entry point.
 */
export { initialState } from './state/initialState.js'
export { evolve } from './evolve/evolve.js'
export { replay } from './evolve/replay.js'
export { replayAll, type ReplayAllOptions } from './evolve/replayAll.js'
export { advanceTo } from './evolve/advanceTo.js'
export { balance, type Balance } from './queries/balance.js'
export { parseEvent } from './events/parseEvent.js'
export { parseState } from './state/parseState.js'
export { accountStateSchema } from './state/schema.js'
export {
  creditEventSchema,
  creditsConsumedSchema,
  extraCreditsPurchasedSchema,
  moneySchema,
  planSchema,
  planUpgradedSchema,
  subscriptionStartedSchema,
  EVENT_TYPES,
  type CreditEvent,
  type CreditEventType,
  type CreditsConsumed,
  type ExtraCreditsPurchased,
  type Plan,
  type PlanUpgraded,
  type SubscriptionStarted,
  promotionalCreditsGrantedSchema,
  promotionalCreditsVoidedSchema,
  consumptionReversedSchema,
  extraCreditsRefundedSchema,
  type PromotionalCreditsGranted,
  type PromotionalCreditsVoided,
  type ConsumptionReversed,
  type ExtraCreditsRefunded,
} from './events/index.js'
export type { Money } from './money/money.js'
export type { AccountState, Bucket, BucketSource, Subscription, Totals, WindowEntry, WindowPage } from './state/types.js'
export type { ConsumptionPage, ConsumptionRecord, Draw } from './state/types.js'
export {
  AccountMismatchError,
  AmountOverflowError,
  CreditLedgerError,
  CurrencyMismatchError,
  DuplicateEventError,
  IdempotencyConflictError,
  InsufficientCreditsError,
  InvalidArgumentError,
  InvalidCommandError,
  InvalidEventError,
  InvalidOptionsError,
  InvalidStateError,
  NoSubscriptionError,
  NotAnUpgradeError,
  OutOfOrderError,
  SubscriptionActiveError,
  isCreditLedgerError,
  type ErrorCode,
  type ErrorDetails,
  UnknownConsumptionError,
  ReversalExceedsConsumptionError,
  UnknownPurchaseError,
  RefundExceedsRemainingError,
  NothingToVoidError,
} from './errors.js'
export * from './decide/index.js'
export * from './queries/index.js'
