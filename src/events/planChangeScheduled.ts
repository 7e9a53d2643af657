import { z } from 'zod'
import { InvalidEventError, show } from '../errors.js'
import { envelope, planSchema } from './fields.js'

/**
 * A change to `plan` was scheduled at `at` (SPEC §9.2): it takes effect at
 * the next anniversary, anchor unchanged. This is how a downgrade happens.
 */
export const planChangeScheduledSchema = envelope('PlanChangeScheduled', z.strictObject({ plan: planSchema }))
export type PlanChangeScheduled = z.infer<typeof planChangeScheduledSchema>

/**
 * The cheap guard of the fields the fold reads of a `PlanChangeScheduled`'s
 * `data`: the plan's id, monthly credits, price and rollover policy.
 *
 * @param data - the event's `data`
 * @param eventId - the event's id, for the message
 * @throws InvalidEventError (`INVALID_EVENT`) naming the field (`data.plan.monthlyCredits`, …)
 * @example
 * guardPlanChangeScheduledData({ plan: { id: 'lite', monthlyCredits: 50, price: { amount: 900, currency: 'USD' } } }, 'e-9')
 */
export function guardPlanChangeScheduledData(data: unknown, eventId: string): void {
  const plan = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).plan : undefined
  guardPlan(plan, eventId, 'data.plan')
}

/**
 * The cheap guard of a plan as the fold reads it: `id` a non-blank string of
 * at most 256 characters, `monthlyCredits` a safe integer > 0, `price` money
 * with a safe integer `amount` ≥ 0, a string `currency` and a `scale` 0–12,
 * and its optional `rollover` policy (see `guardRolloverPolicy`).
 *
 * @param plan - the plan
 * @param eventId - the event's id, for the message
 * @param field - where the plan sits in the event (`data.plan`)
 * @throws InvalidEventError (`INVALID_EVENT`) naming the field
 * @example
 * guardPlan(event.data.plan, event.id, 'data.plan')
 */
export function guardPlan(plan: unknown, eventId: string, field: string): void {
  if (typeof plan !== 'object' || plan === null) fail(eventId, field, plan, 'must be a plan object')
  const { id, monthlyCredits, price, rollover } = plan as Record<string, unknown>
  if (typeof id !== 'string' || id.trim().length === 0 || id.length > 256) {
    fail(eventId, `${field}.id`, id, 'must be a non-blank string of at most 256 characters')
  }
  if (!Number.isSafeInteger(monthlyCredits) || (monthlyCredits as number) <= 0) {
    fail(eventId, `${field}.monthlyCredits`, monthlyCredits, 'must be a whole number of credits > 0')
  }
  if (typeof price !== 'object' || price === null) fail(eventId, `${field}.price`, price, 'must be money')
  const { amount, currency, scale } = price as Record<string, unknown>
  if (!Number.isSafeInteger(amount) || (amount as number) < 0) fail(eventId, `${field}.price.amount`, amount, 'must be a whole number ≥ 0')
  if (typeof currency !== 'string') fail(eventId, `${field}.price.currency`, currency, 'must be a currency code')
  if (scale !== undefined && (!Number.isInteger(scale) || (scale as number) < 0 || (scale as number) > 12)) {
    fail(eventId, `${field}.price.scale`, scale, 'must be a whole number 0–12')
  }
  guardRolloverPolicy(rollover, eventId, `${field}.rollover`)
}

/**
 * The cheap guard of a plan's optional rollover policy (SPEC §9.1):
 * `undefined`, or an object whose `maxCredits` is a safe integer ≥ 0 and
 * whose `maxPercent` is an integer 0–100, each optional.
 *
 * @param rollover - the policy
 * @param eventId - the event's id, for the message
 * @param field - where the policy sits in the event (`data.plan.rollover`)
 * @throws InvalidEventError (`INVALID_EVENT`) naming the field
 * @example
 * guardRolloverPolicy({ maxPercent: 50 }, 'e-1', 'data.plan.rollover') // passes
 */
export function guardRolloverPolicy(rollover: unknown, eventId: string, field: string): void {
  if (rollover === undefined) return
  if (typeof rollover !== 'object' || rollover === null) fail(eventId, field, rollover, 'must be an object { maxCredits?, maxPercent? }')
  const { maxCredits, maxPercent } = rollover as Record<string, unknown>
  if (maxCredits !== undefined && (!Number.isSafeInteger(maxCredits) || (maxCredits as number) < 0)) {
    fail(eventId, `${field}.maxCredits`, maxCredits, 'must be a whole number of credits ≥ 0')
  }
  if (maxPercent !== undefined && (!Number.isInteger(maxPercent) || (maxPercent as number) < 0 || (maxPercent as number) > 100)) {
    fail(eventId, `${field}.maxPercent`, maxPercent, 'must be a whole number 0–100')
  }
}

function fail(eventId: string, field: string, value: unknown, reason: string): never {
  const shown = show(value)
  throw new InvalidEventError(`event ${show(eventId)}: ${field} ${reason} (got ${shown.length > 66 ? `${shown.slice(0, 64)}…` : shown})`, {
    eventId,
    field,
    value: value ?? null,
  })
}
