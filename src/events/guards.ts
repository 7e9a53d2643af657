/**
 * Cheap guards of every field the fold reads of an event (SPEC §5, amended in
 * contract v4): no zod, no allocation on the happy path, a few tens of
 * nanoseconds per event. They run on every event of `replay` and `evolve`,
 * which take events typed as the library's but may be handed JSON cast to
 * them: a field of the wrong type, sign or range is refused here with
 * `INVALID_EVENT` naming the field, before it can reach a total, a bucket or
 * dinero.js. The full validation (strict keys, `meta`) stays at the edges
 * (`parseEvent`).
 *
 * One data guard per event type, each next to nothing but the shared field
 * guards, so that it can move next to its schema; a new event type adds its
 * data guard to {@link DATA_GUARDS} (the compiler insists: the table is keyed
 * by every `CreditEventType`).
 */
import { InvalidEventError, show } from '../errors.js'
import { currencyOf } from '../money/money.js'
import type { CreditEvent, CreditEventType } from './index.js'
import { parseEvent } from './parseEvent.js'

/** The longest `id` and `accountId` (SPEC §4). */
export const MAX_IDENTIFIER_LENGTH = 256

/**
 * Checks the `data` of one event type; throws `INVALID_EVENT` naming
 * `data.<field>` and the value.
 * @param data - the event's `data`, known to be a non-null object
 * @param eventId - the event's id, for the message
 */
export type DataGuard = (data: object, eventId: string) => void

/** Throws the guards' `INVALID_EVENT`: `event "e-1": data.amount must be … (got 2.5)`. */
function refuse(eventId: string | null, field: string, rule: string, value: unknown): never {
  const subject = eventId === null ? 'event' : `event ${show(eventId)}`
  throw new InvalidEventError(`${subject}: ${field} ${rule} (got ${show(value)})`, { eventId, field, value })
}

// ── fields ────────────────────────────────────────────────────────────

/** Whether `value` is a non-blank string of at most 256 characters (an id). */
function isIdentifier(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_IDENTIFIER_LENGTH) return false
  const first = value.charCodeAt(0)
  // Most ids start with a visible ASCII character: no need to trim them.
  return (first > 32 && first < 127) || value.trim().length > 0
}

/**
 * Guards a whole number of credits: a safe integer > 0 (`amount`,
 * `quantity`, `monthlyCredits`).
 */
export function guardCredits(value: unknown, eventId: string, field: string): void {
  if (!Number.isSafeInteger(value) || (value as number) <= 0) refuse(eventId, field, 'must be a safe integer > 0', value)
}

/**
 * Guards wire Money: an object with `amount` a safe integer ≥ 0, `currency`
 * a code that dinero.js ships in base 10, `scale` an integer 0–12 or absent.
 * @param field - the path of the money (`data.unitPrice`)
 */
export function guardMoney(value: unknown, eventId: string, field: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) refuse(eventId, field, 'must be money { amount, currency, scale? }', value)
  const { amount, currency, scale } = value as { amount?: unknown; currency?: unknown; scale?: unknown }
  if (!Number.isSafeInteger(amount) || (amount as number) < 0) {
    refuse(eventId, `${field}.amount`, 'must be a safe integer ≥ 0 (in units of 10^-scale)', amount)
  }
  if (typeof currency !== 'string' || currencyOf(currency) === undefined) {
    refuse(eventId, `${field}.currency`, 'must be an ISO 4217 currency code that dinero.js ships', currency)
  }
  if (scale !== undefined && (!Number.isInteger(scale) || (scale as number) < 0 || (scale as number) > 12)) {
    refuse(eventId, `${field}.scale`, 'must be an integer from 0 to 12, or absent', scale)
  }
}

/**
 * Guards a plan: `{ id, monthlyCredits, price }`.
 * @param field - the path of the plan (`data.plan`)
 */
export function guardPlan(value: unknown, eventId: string, field: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) refuse(eventId, field, 'must be a plan { id, monthlyCredits, price }', value)
  const { id, monthlyCredits, price } = value as { id?: unknown; monthlyCredits?: unknown; price?: unknown }
  if (!isIdentifier(id)) refuse(eventId, `${field}.id`, 'must be a non-blank string of at most 256 characters', id)
  guardCredits(monthlyCredits, eventId, `${field}.monthlyCredits`)
  guardMoney(price, eventId, `${field}.price`)
}

// ── data, one guard per event type ────────────────────────────────────

/** `SubscriptionStarted.data`: `{ plan }`. */
export function guardSubscriptionStartedData(data: object, eventId: string): void {
  guardPlan((data as { plan?: unknown }).plan, eventId, 'data.plan')
}

/** `CreditsConsumed.data`: `{ amount: int > 0, reason?: string }`. */
export function guardCreditsConsumedData(data: object, eventId: string): void {
  const { amount, reason } = data as { amount?: unknown; reason?: unknown }
  guardCredits(amount, eventId, 'data.amount')
  if (reason !== undefined && typeof reason !== 'string') refuse(eventId, 'data.reason', 'must be a string, or absent', reason)
}

/** `ExtraCreditsPurchased.data`: `{ quantity: int > 0, unitPrice: Money }`. */
export function guardExtraCreditsPurchasedData(data: object, eventId: string): void {
  const { quantity, unitPrice } = data as { quantity?: unknown; unitPrice?: unknown }
  guardCredits(quantity, eventId, 'data.quantity')
  guardMoney(unitPrice, eventId, 'data.unitPrice')
}

/** `PlanUpgraded.data`: `{ plan }`. */
export function guardPlanUpgradedData(data: object, eventId: string): void {
  guardPlan((data as { plan?: unknown }).plan, eventId, 'data.plan')
}

/** The data guard of every event type (keyed by every `CreditEventType`: a new type cannot be forgotten). */
export const DATA_GUARDS: { readonly [T in CreditEventType]: DataGuard } = {
  SubscriptionStarted: guardSubscriptionStartedData,
  CreditsConsumed: guardCreditsConsumedData,
  ExtraCreditsPurchased: guardExtraCreditsPurchasedData,
  PlanUpgraded: guardPlanUpgradedData,
}

/** The same table as a Map: a lookup of an unknown or hostile `type` (`"__proto__"`, `"toString"`) finds nothing. */
const GUARD_OF = new Map<string, DataGuard>(Object.entries(DATA_GUARDS))
const KNOWN_TYPES = [...GUARD_OF.keys()].join(', ')

// ── the event ─────────────────────────────────────────────────────────

/**
 * Checks every field the fold reads of an event: the envelope (an object, a
 * known `type`, `id` and `accountId` non-blank strings of at most 256
 * characters, `at` a string — the fold reads it strictly —, `data` an
 * object) and the `data` of its type (integers, signs, safe ranges, money,
 * plans). It does not check unknown keys nor `meta` (see `parseEvent`), and
 * never changes, copies or freezes the event.
 *
 * @param input - anything, typically an event typed as the library's but of unknown origin
 * @throws InvalidEventError (`INVALID_EVENT`) with `eventId` (when `id` is a string), `field` (a dotted path
 *   such as `data.plan.price.amount`) and `value`; the message quotes at most 64 characters of the value
 * @example
 * guardEvent(event) // throws on { type: 'CreditsConsumed', …, data: { amount: -5 } }
 * state = fold(state, event) // event is a CreditEvent from here on
 */
export function guardEvent(input: unknown): asserts input is CreditEvent {
  if (typeof input !== 'object' || input === null) refuse(null, '(root)', 'must be an event object', input)
  const { type, id, accountId, at, data } = input as {
    type?: unknown
    id?: unknown
    accountId?: unknown
    at?: unknown
    data?: unknown
  }
  const eventId = typeof id === 'string' ? id : null
  const guard = typeof type === 'string' ? GUARD_OF.get(type) : undefined
  if (guard === undefined) refuse(eventId, 'type', `must be one of ${KNOWN_TYPES}`, type)
  if (!isIdentifier(id)) refuse(eventId, 'id', 'must be a non-blank string of at most 256 characters', id)
  if (!isIdentifier(accountId)) refuse(id, 'accountId', 'must be a non-blank string of at most 256 characters', accountId)
  if (typeof at !== 'string') refuse(id, 'at', 'must be an ISO-8601 timestamp with an offset (a string)', at)
  if (typeof data !== 'object' || data === null || Array.isArray(data)) refuse(id, 'data', 'must be an object', data)
  guard(data, id)
}

/**
 * How the edges read an event: validated in full by `parseEvent`, or, when
 * the caller vouches for it (`trusted: true`), only through the cheap guards
 * (which the fold runs anyway), so a trusted input still cannot corrupt a
 * state or escape as a `TypeError`.
 */
export function eventReader(trusted: boolean | undefined): (input: unknown) => CreditEvent {
  return trusted === true ? readTrusted : parseEvent
}

function readTrusted(input: unknown): CreditEvent {
  guardEvent(input)
  return input
}
