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
  | 'CANCELLATION_PENDING'
  | 'NO_PENDING_CANCELLATION'
  | 'NOT_A_DOWNGRADE'
  | 'NO_PENDING_PLAN_CHANGE'
  | 'CONCURRENCY_CONFLICT'
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

  /**
   * The error as JSON, so that `JSON.stringify(error)` (a log line, an HTTP
   * response) keeps what an `Error` would lose: `name`, `code`, `message`,
   * `eventId`, `field`, `value`, and a subclass's own fields (`requested`
   * and `available` of `INSUFFICIENT_CREDITS`). The stack is left out.
   *
   * @returns a plain object of the error's fields
   * @example
   * JSON.stringify(error) // '{"name":"InsufficientCreditsError","code":"INSUFFICIENT_CREDITS","message":"…","eventId":"c-1",…,"requested":500,"available":120}'
   */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, code: this.code, message: this.message }
    for (const [key, value] of Object.entries(this)) {
      if (!(key in json)) json[key] = typeof value === 'bigint' ? String(value) : value
    }
    return json
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

/**
 * The constructor of an error class of one code. Spelt out, rather than
 * inferred from the class expression below, so that the published `.d.ts`
 * does not copy the statics of `ErrorConstructor` (which @types/node extends
 * with `NodeJS.CallSite`) and compiles without @types/node.
 */
interface ErrorClassOf<C extends ErrorCode> {
  new (message: string, details?: ErrorDetails): CreditLedgerError & { readonly code: C }
  readonly prototype: CreditLedgerError & { readonly code: C }
}

function kind<C extends ErrorCode>(code: C): ErrorClassOf<C> {
  return class extends CreditLedgerError {
    declare readonly code: C
    constructor(message: string, details?: ErrorDetails) {
      super(code, message, details)
    }
  }
}

/** An event of the wrong shape (also an impossible or offset-less `at`). */
export class InvalidEventError extends /* @__PURE__ */ kind('INVALID_EVENT') {}
/** A snapshot that is not a state the library could have produced. */
export class InvalidStateError extends /* @__PURE__ */ kind('INVALID_STATE') {}
/** A command of the wrong shape, or out of the ledger's bounds. */
export class InvalidCommandError extends /* @__PURE__ */ kind('INVALID_COMMAND') {}
/** An event or `advanceTo` earlier than the account's clock. */
export class OutOfOrderError extends /* @__PURE__ */ kind('OUT_OF_ORDER') {}
/** An event whose id is in the idempotency window. */
export class DuplicateEventError extends /* @__PURE__ */ kind('DUPLICATE_EVENT') {}
/** An event or state of another account. */
export class AccountMismatchError extends /* @__PURE__ */ kind('ACCOUNT_MISMATCH') {}
/** A `PlanUpgraded` (or `UpgradePlan`) with no active subscription. */
export class NoSubscriptionError extends /* @__PURE__ */ kind('NO_SUBSCRIPTION') {}
/** A `SubscriptionStarted` while a subscription is active. */
export class SubscriptionActiveError extends /* @__PURE__ */ kind('SUBSCRIPTION_ACTIVE') {}
/** A command that would spend more credits than are available. */
export class InsufficientCreditsError extends /* @__PURE__ */ kind('INSUFFICIENT_CREDITS') {
  readonly requested: number
  readonly available: number
  constructor(message: string, details: ErrorDetails & { requested: number; available: number }) {
    super(message, details)
    this.requested = details.requested
    this.available = details.available
  }
}
/** An `UpgradePlan` whose plan grants no more monthly credits than the current one. */
export class NotAnUpgradeError extends /* @__PURE__ */ kind('NOT_AN_UPGRADE') {}
/** Money in another currency than the account's (the first one it was charged in). */
export class CurrencyMismatchError extends /* @__PURE__ */ kind('CURRENCY_MISMATCH') {}
/** A total, product or sum that would leave the safe integer range. */
export class AmountOverflowError extends /* @__PURE__ */ kind('AMOUNT_OVERFLOW') {}
/** A retried command id that names a different command. */
export class IdempotencyConflictError extends /* @__PURE__ */ kind('IDEMPOTENCY_CONFLICT') {}
/** A bad argument that is not an event, a state or a command. */
export class InvalidArgumentError extends /* @__PURE__ */ kind('INVALID_ARGUMENT') {}
/** Bad ledger options. */
export class InvalidOptionsError extends /* @__PURE__ */ kind('INVALID_OPTIONS') {}
/** A stream that another writer moved past the expected version (`credit-ledger/postgres`). */
export class ConcurrencyConflictError extends /* @__PURE__ */ kind('CONCURRENCY_CONFLICT') {}
/** A `ConsumptionReversed` (or `ReverseConsumption`) of a consumption that is unknown or outside the reversal window. */
export class UnknownConsumptionError extends /* @__PURE__ */ kind('UNKNOWN_CONSUMPTION') {}
/** Reversals of one consumption that would add up to more than its amount. */
export class ReversalExceedsConsumptionError extends /* @__PURE__ */ kind('REVERSAL_EXCEEDS_CONSUMPTION') {}
/** An `ExtraCreditsRefunded` (or `RefundExtraCredits`) of a purchase with no extra bucket left. */
export class UnknownPurchaseError extends /* @__PURE__ */ kind('UNKNOWN_PURCHASE') {}
/** A refund of more extra credits than the purchase's bucket has left (consumed credits are never clawed back). */
export class RefundExceedsRemainingError extends /* @__PURE__ */ kind('REFUND_EXCEEDS_REMAINING') {}
/** A `PromotionalCreditsVoided` (or `VoidPromotionalCredits`) whose promotional bucket is gone or never was one. */
export class NothingToVoidError extends /* @__PURE__ */ kind('NOTHING_TO_VOID') {}

/** A `CancelSubscription` (period end) or `DowngradePlan` while a period-end cancellation is pending (contract v4). */
export class CancellationPendingError extends /* @__PURE__ */ kind('CANCELLATION_PENDING') {}
/** A `CancellationRevoked` (or `RevokeCancellation`) with no period-end cancellation pending (contract v4). */
export class NoPendingCancellationError extends /* @__PURE__ */ kind('NO_PENDING_CANCELLATION') {}
/** A `DowngradePlan` whose plan grants more monthly credits than the current one (contract v4). */
export class NotADowngradeError extends /* @__PURE__ */ kind('NOT_A_DOWNGRADE') {}
/** A `PlanChangeUnscheduled` (or `CancelPlanChange`) with no plan change scheduled (contract v4). */
export class NoPendingPlanChangeError extends /* @__PURE__ */ kind('NO_PENDING_PLAN_CHANGE') {}

/** How many characters of a value an error message quotes at most (SPEC §5). */
export const SHOWN_CHARACTERS = 64

/**
 * Formats a value for an error message: strings quoted, the rest much like
 * JSON (but `NaN`, `Infinity`, `undefined` and BigInts `5n` as such). At most
 * the first {@link SHOWN_CHARACTERS} characters are shown, followed by `…`;
 * the cost is bounded too: a 10 MB string or an array of a million items is
 * never serialised whole. Never throws (getters that throw, cycles, proxies).
 *
 * @param value - anything a caller passed
 * @returns at most 64 characters of its form (a string: 64 characters of it, quoted), then `…` if cut
 * @example
 * show('x'.repeat(1e7)) // '"xxxx…xxxx"…' (64 x)
 */
export function show(value: unknown): string {
  if (typeof value === 'string') return quote(value)
  const out = { text: '' }
  try {
    write(value, out, 0)
  } catch {
    if (out.text.length === 0) out.text = '?'
  }
  return out.text.length > SHOWN_CHARACTERS ? `${out.text.slice(0, SHOWN_CHARACTERS)}…` : out.text
}

function quote(text: string): string {
  return text.length > SHOWN_CHARACTERS ? `${JSON.stringify(text.slice(0, SHOWN_CHARACTERS))}…` : JSON.stringify(text)
}

/** Appends the form of `value` to `out.text`, stopping once it is longer than the limit. */
function write(value: unknown, out: { text: string }, depth: number): void {
  if (out.text.length > SHOWN_CHARACTERS) return
  switch (typeof value) {
    case 'string':
      out.text += quote(value)
      return
    case 'number':
    case 'boolean':
      out.text += String(value)
      return
    case 'bigint':
      out.text += `${String(value).slice(0, SHOWN_CHARACTERS + 1)}n`
      return
    case 'undefined':
      out.text += 'undefined'
      return
    case 'symbol':
      out.text += String(value.description ?? '').length > SHOWN_CHARACTERS ? 'Symbol(…)' : String(value)
      return
    case 'function':
      out.text += '[function]'
      return
  }
  if (value === null) {
    out.text += 'null'
    return
  }
  if (depth >= 4) {
    out.text += Array.isArray(value) ? '[…]' : '{…}'
    return
  }
  if (value instanceof Date) {
    out.text += Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()
    return
  }
  if (value instanceof String || value instanceof Number || value instanceof Boolean) {
    write(value.valueOf(), out, depth + 1)
    return
  }
  if (ArrayBuffer.isView(value) || value instanceof Map || value instanceof Set) {
    // Not enumerated: a typed array of 10 M items would list 10 M keys.
    const size = value instanceof Map || value instanceof Set ? value.size : value.byteLength
    out.text += `${value.constructor.name}(${size})`
    return
  }
  if (Array.isArray(value)) {
    out.text += '['
    for (let i = 0; i < value.length && out.text.length <= SHOWN_CHARACTERS; i++) {
      if (i > 0) out.text += ','
      write(value[i], out, depth + 1)
    }
    out.text += ']'
    return
  }
  out.text += '{'
  let first = true
  for (const key in value as object) {
    if (out.text.length > SHOWN_CHARACTERS) break
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue
    const field = (value as Record<string, unknown>)[key]
    if (field === undefined) continue
    out.text += first ? '' : ','
    first = false
    out.text += `${quote(key)}:`
    write(field, out, depth + 1)
  }
  out.text += '}'
}

/** `event "e-1"` (the id quoted as {@link show} does) or `time-driven renewal`, for messages. */
export function nameOf(eventId: string | null | undefined): string {
  return eventId == null ? 'time-driven renewal' : `event ${show(eventId)}`
}
