/**
 * Every error the library throws is a {@link CreditLedgerError} with a stable
 * string `code`. Match on `code` (or {@link isCreditLedgerError}), not on
 * `instanceof`: two copies of the library in one bundle have two classes.
 */

/** The stable error codes. A code's meaning never changes. */
export type ErrorCode =
  | 'INVALID_EVENT'
  | 'INVALID_STATE'
  | 'INVALID_COMMAND'
  | 'OUT_OF_ORDER'
  | 'DUPLICATE_EVENT'
  | 'ACCOUNT_MISMATCH'
  | 'NO_SUBSCRIPTION'
  | 'SUBSCRIPTION_ACTIVE'
  | 'INSUFFICIENT_CREDITS'
  | 'NOT_AN_UPGRADE'
  | 'CURRENCY_MISMATCH'
  | 'AMOUNT_OVERFLOW'
  | 'IDEMPOTENCY_CONFLICT'
  | 'INVALID_ARGUMENT'
  | 'INVALID_OPTIONS'
  | 'UNKNOWN_CONSUMPTION'
  | 'REVERSAL_EXCEEDS_CONSUMPTION'
  | 'UNKNOWN_PURCHASE'
  | 'REFUND_EXCEEDS_REMAINING'
  | 'NOTHING_TO_VOID'

/** What an error is about: the event (or command) id, the field and its value. */
export interface ErrorDetails {
  readonly eventId?: string | null
  readonly field?: string | null
  readonly value?: unknown
}

const BRAND = Symbol.for('credit-ledger.error')

/** The base class of every error the library throws. */
export class CreditLedgerError extends Error {
  readonly code: ErrorCode
  /** The id of the offending event or command, or `null` when there is none. */
  readonly eventId: string | null
  /** The offending field as a dotted path (`data.amount`), or `null`. */
  readonly field: string | null
  /** The offending value, or `null`. */
  readonly value: unknown

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message)
    this.name = new.target.name
    this.code = code
    this.eventId = details.eventId ?? null
    this.field = details.field ?? null
    this.value = details.value ?? null
    Object.defineProperty(this, BRAND, { value: true })
  }
}

/**
 * Tells whether `error` was thrown by credit-ledger (any copy of it).
 *
 * @example
 * try { replay(events) } catch (e) { if (isCreditLedgerError(e) && e.code === 'OUT_OF_ORDER') … }
 */
export function isCreditLedgerError(error: unknown): error is CreditLedgerError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true
}

function kind<C extends ErrorCode>(code: C) {
  return class extends CreditLedgerError {
    declare readonly code: C
    constructor(message: string, details?: ErrorDetails) {
      super(code, message, details)
    }
  }
}

/** An event of the wrong shape (also an impossible or offset-less `at`). */
export class InvalidEventError extends kind('INVALID_EVENT') {}
/** A snapshot that is not a state the library could have produced. */
export class InvalidStateError extends kind('INVALID_STATE') {}
/** A command of the wrong shape, or out of the ledger's bounds. */
export class InvalidCommandError extends kind('INVALID_COMMAND') {}
/** An event or `advanceTo` earlier than the account's clock. */
export class OutOfOrderError extends kind('OUT_OF_ORDER') {}
/** An event whose id is in the idempotency window. */
export class DuplicateEventError extends kind('DUPLICATE_EVENT') {}
/** An event or state of another account. */
export class AccountMismatchError extends kind('ACCOUNT_MISMATCH') {}
/** A `PlanUpgraded` (or `UpgradePlan`) with no active subscription. */
export class NoSubscriptionError extends kind('NO_SUBSCRIPTION') {}
/** A `SubscriptionStarted` while a subscription is active. */
export class SubscriptionActiveError extends kind('SUBSCRIPTION_ACTIVE') {}
/** A command that would spend more credits than are available. */
export class InsufficientCreditsError extends kind('INSUFFICIENT_CREDITS') {
  readonly requested: number
  readonly available: number
  constructor(message: string, details: ErrorDetails & { requested: number; available: number }) {
    super(message, details)
    this.requested = details.requested
    this.available = details.available
  }
}
/** An `UpgradePlan` whose plan grants no more monthly credits than the current one. */
export class NotAnUpgradeError extends kind('NOT_AN_UPGRADE') {}
/** Money in another currency than the account's (the first one it was charged in). */
export class CurrencyMismatchError extends kind('CURRENCY_MISMATCH') {}
/** A total, product or sum that would leave the safe integer range. */
export class AmountOverflowError extends kind('AMOUNT_OVERFLOW') {}
/** A retried command id that names a different command. */
export class IdempotencyConflictError extends kind('IDEMPOTENCY_CONFLICT') {}
/** A bad argument that is not an event, a state or a command. */
export class InvalidArgumentError extends kind('INVALID_ARGUMENT') {}
/** Bad ledger options. */
export class InvalidOptionsError extends kind('INVALID_OPTIONS') {}
/** A `ConsumptionReversed` (or `ReverseConsumption`) of a consumption that is unknown or outside the reversal window. */
export class UnknownConsumptionError extends kind('UNKNOWN_CONSUMPTION') {}
/** Reversals of one consumption that would add up to more than its amount. */
export class ReversalExceedsConsumptionError extends kind('REVERSAL_EXCEEDS_CONSUMPTION') {}
/** An `ExtraCreditsRefunded` (or `RefundExtraCredits`) of a purchase with no extra bucket left. */
export class UnknownPurchaseError extends kind('UNKNOWN_PURCHASE') {}
/** A refund of more extra credits than the purchase's bucket has left (consumed credits are never clawed back). */
export class RefundExceedsRemainingError extends kind('REFUND_EXCEEDS_REMAINING') {}
/** A `PromotionalCreditsVoided` (or `VoidPromotionalCredits`) whose promotional bucket is gone or never was one. */
export class NothingToVoidError extends kind('NOTHING_TO_VOID') {}

/** Formats a value for an error message: strings quoted, the rest as JSON. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (value === undefined) return 'undefined'
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

/** "event "e-1"" or "renewal" for messages. */
export function nameOf(eventId: string | null | undefined): string {
  return eventId == null ? 'time-driven renewal' : `event ${JSON.stringify(eventId)}`
}
