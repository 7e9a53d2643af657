import * as z from 'zod/mini'
import { en } from 'zod/locales'
import { currencyOf } from '../money/money.js'
import { parseInstant } from '../time/instant.js'

// zod/mini (a fraction of zod's size in a browser bundle) has no default locale: every issue would read
// "Invalid input". English, as zod's classic entry has, unless the app chose a locale itself.
if (z.config().localeError === undefined) z.config(en())

/** A non-blank string of at most 256 characters (ids, account ids). */
export const identifier = z
  .string()
  .check(z.maxLength(256), z.refine((s) => s.trim().length > 0, { message: 'must be a non-blank string' }))

/** An ISO-8601 timestamp with an explicit offset, read strictly (see `parseInstant`). */
export const instant = z.string().check(
  z.refine((s) => !Number.isNaN(parseInstant(s)), {
    message: 'must be an ISO-8601 timestamp with an offset (Z or ±hh:mm) of a real date in years 0001–9998',
  }),
)

/** A whole number of credits, > 0 and safe. */
export const credits = z.int().check(z.positive())

/** Money on the wire: `{ amount, currency, scale? }`. */
export const moneySchema = z.strictObject({
  amount: z.int().check(z.nonnegative()),
  currency: z.string().check(
    z.refine((c) => currencyOf(c) !== undefined, {
      message: 'must be an ISO 4217 currency code that dinero.js ships',
    }),
  ),
  scale: z.optional(z.int().check(z.minimum(0), z.maximum(12))),
})

/**
 * A plan's rollover policy (contract v4, SPEC §9.1): at each renewal at most
 * `maxCredits` unused credits, and at most `maxPercent` % of the plan's
 * monthly credits (rounded down), move into the next period. No policy: nothing rolls over.
 */
export const rolloverPolicySchema = z.strictObject({
  maxCredits: z.optional(z.int().check(z.nonnegative())),
  maxPercent: z.optional(z.int().check(z.minimum(0), z.maximum(100))),
})

/** A plan on the wire: `{ id, monthlyCredits, price, rollover? }`. */
export const planSchema = z.strictObject({
  id: identifier,
  monthlyCredits: credits,
  price: moneySchema,
  rollover: z.optional(rolloverPolicySchema),
})

/** The app's own data, carried through untouched. */
export const metaSchema = z.record(z.string(), z.unknown())

/**
 * The envelope every event (and command) shares, with its `type` and `data`.
 * @param type - the literal type name
 * @param data - the strict schema of `data`
 */
export function envelope<T extends string, D extends z.ZodMiniType>(type: T, data: D) {
  return z.strictObject({
    type: z.literal(type),
    id: identifier,
    accountId: identifier,
    at: instant,
    data,
    meta: z.optional(metaSchema),
  })
}
