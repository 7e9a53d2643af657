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
  subscriptionCancelledSchema,
  cancellationModeSchema,
  cancellationRevokedSchema,
  planChangeScheduledSchema,
  planChangeUnscheduledSchema,
  rolloverPolicySchema,
  type CancellationMode,
  type SubscriptionCancelled,
  type CancellationRevoked,
  type PlanChangeScheduled,
  type PlanChangeUnscheduled,
  type RolloverPolicy,
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
  ConcurrencyConflictError,
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
  CancellationPendingError,
  NoPendingCancellationError,
  NotADowngradeError,
  NoPendingPlanChangeError,
  type ErrorCode,
  type ErrorDetails,
  UnknownConsumptionError,
  ReversalExceedsConsumptionError,
  UnknownPurchaseError,
  RefundExceedsRemainingError,
  NothingToVoidError,
} from './errors.js'
export { decider, type CreditDecider } from './decider.js'
export * from './decide/index.js'
export { createLedger, type BoundReplayAll, type BoundReport, type BoundStatement, type Ledger } from './ledger/createLedger.js'
export { ledgerOptionsSchema, type LedgerOptions, type ResolvedLedgerOptions } from './ledger/options.js'
export * from './queries/index.js'
