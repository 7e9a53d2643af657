/**
 * The cheap guards of the fields events share (ids, credits, money, plans):
 * no zod, no allocation on the happy path. Each event's data guard, next to
 * its schema in `src/events/<event>.ts`, is made of these; `guards.ts` runs
 * them on every event the fold applies.
 */
import { InvalidEventError, show } from '../errors.js'
import { currencyOf } from '../money/money.js'

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
export function refuse(eventId: string | null, field: string, rule: string, value: unknown): never {
  const subject = eventId === null ? 'event' : `event ${show(eventId)}`
  throw new InvalidEventError(`${subject}: ${field} ${rule} (got ${show(value)})`, { eventId, field, value })
}

// ── fields ────────────────────────────────────────────────────────────

/** Whether `value` is a non-blank string of at most 256 characters (an id). */
export function isIdentifier(value: unknown): value is string {
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
 * Guards a plan: `{ id, monthlyCredits, price, rollover? }`.
 * @param field - the path of the plan (`data.plan`)
 */
export function guardPlan(value: unknown, eventId: string, field: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) refuse(eventId, field, 'must be a plan { id, monthlyCredits, price }', value)
  const { id, monthlyCredits, price } = value as { id?: unknown; monthlyCredits?: unknown; price?: unknown }
  if (!isIdentifier(id)) refuse(eventId, `${field}.id`, 'must be a non-blank string of at most 256 characters', id)
  guardCredits(monthlyCredits, eventId, `${field}.monthlyCredits`)
  guardMoney(price, eventId, `${field}.price`)
  guardRolloverPolicy((value as { rollover?: unknown }).rollover, eventId, `${field}.rollover`)
}

/**
 * Guards a plan's optional rollover policy (SPEC §9.1): absent, or an object
 * whose `maxCredits` is a safe integer ≥ 0 and whose `maxPercent` is an
 * integer 0–100, each optional.
 * @param field - the path of the policy (`data.plan.rollover`)
 */
export function guardRolloverPolicy(value: unknown, eventId: string, field: string): void {
  if (value === undefined) return
  if (typeof value !== 'object' || value === null || Array.isArray(value)) refuse(eventId, field, 'must be an object { maxCredits?, maxPercent? }, or absent', value)
  const { maxCredits, maxPercent } = value as { maxCredits?: unknown; maxPercent?: unknown }
  if (maxCredits !== undefined && (!Number.isSafeInteger(maxCredits) || (maxCredits as number) < 0)) {
    refuse(eventId, `${field}.maxCredits`, 'must be a safe integer ≥ 0, or absent', maxCredits)
  }
  if (maxPercent !== undefined && (!Number.isInteger(maxPercent) || (maxPercent as number) < 0 || (maxPercent as number) > 100)) {
    refuse(eventId, `${field}.maxPercent`, 'must be an integer from 0 to 100, or absent', maxPercent)
  }
}
