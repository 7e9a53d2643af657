import { z } from 'zod'
import { currencyOf } from '../money/money.js'
import { parseInstant } from '../time/instant.js'

/** A non-blank string of at most 256 characters (ids, account ids). */
export const identifier = z
  .string()
  .max(256)
  .refine((s) => s.trim().length > 0, { message: 'must be a non-blank string' })

/** An ISO-8601 timestamp with an explicit offset, read strictly (see `parseInstant`). */
export const instant = z.string().refine((s) => !Number.isNaN(parseInstant(s)), {
  message: 'must be an ISO-8601 timestamp with an offset (Z or ±hh:mm) of a real date in years 0001–9998',
})

/** A whole number of credits, > 0 and safe. */
export const credits = z.int().positive()

/** Money on the wire: `{ amount, currency, scale? }`. */
export const moneySchema = z.strictObject({
  amount: z.int().nonnegative(),
  currency: z.string().refine((c) => currencyOf(c) !== undefined, {
    message: 'must be an ISO 4217 currency code that dinero.js ships',
  }),
  scale: z.int().min(0).max(12).optional(),
})

/**
 * A plan's rollover policy (contract v4, SPEC §9.1): at each renewal at most
 * `maxCredits` unused credits, and at most `maxPercent` % of the plan's
 * monthly credits (rounded down), move into the next period. No policy: nothing rolls over.
 */
export const rolloverPolicySchema = z.strictObject({
  maxCredits: z.int().nonnegative().optional(),
  maxPercent: z.int().min(0).max(100).optional(),
})

/** A plan on the wire: `{ id, monthlyCredits, price, rollover? }`. */
export const planSchema = z.strictObject({
  id: identifier,
  monthlyCredits: credits,
  price: moneySchema,
  rollover: rolloverPolicySchema.optional(),
})

/** The app's own data, carried through untouched. */
export const metaSchema = z.record(z.string(), z.unknown())

/**
 * The envelope every event (and command) shares, with its `type` and `data`.
 * @param type - the literal type name
 * @param data - the strict schema of `data`
 */
export function envelope<T extends string, D extends z.ZodType>(type: T, data: D) {
  return z.strictObject({
    type: z.literal(type),
    id: identifier,
    accountId: identifier,
    at: instant,
    data,
    meta: metaSchema.optional(),
  })
}
