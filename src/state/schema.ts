import * as z from 'zod/mini'
import { identifier, moneySchema, planSchema } from '../events/fields.js'
import { isCanonical, parseInstant } from '../time/instant.js'
import { WINDOW_PAGE_SIZE } from './types.js'

/** An instant as the library writes it: the canonical `toISOString()` form. */
const canonicalInstant = z.string().check(
  z.refine((s) => isCanonical(s) && !Number.isNaN(parseInstant(s)), {
    message: 'must be an instant in the toISOString() form',
  }),
)

const count = z.int().check(z.nonnegative())

export const bucketSchema = z.strictObject({
  id: z.string().check(z.regex(/^b[1-9]\d*$/, 'must be b1, b2, …')),
  source: z.enum(['subscription', 'rollover', 'extra', 'promotional']),
  granted: z.int().check(z.positive()),
  remaining: z.int().check(z.positive()),
  grantedAt: canonicalInstant,
  expiresAt: z.nullable(canonicalInstant),
  unitPrice: z.nullable(moneySchema),
})

export const subscriptionSchema = z.strictObject({
  plan: planSchema,
  anchor: canonicalInstant,
  period: z.int().check(z.positive()),
  periodStart: canonicalInstant,
  periodEnd: canonicalInstant,
})

export const windowEntrySchema = z.strictObject({
  id: identifier,
  at: canonicalInstant,
  command: z.string(),
})

/** The zod schema of the shape of an `AccountState` snapshot (`parseState` also checks its invariants). */
export const accountStateSchema = z.strictObject({
  version: z.literal(1),
  accountId: z.nullable(identifier),
  clock: z.nullable(canonicalInstant),
  subscription: z.nullable(subscriptionSchema),
  buckets: z.array(bucketSchema),
  deficit: count,
  totals: z.strictObject({
    granted: count,
    consumed: count,
    expired: count,
    charged: z.nullable(moneySchema),
  }),
  nextBucket: z.int().check(z.positive()),
  window: z.array(z.array(windowEntrySchema).check(z.minLength(1), z.maxLength(WINDOW_PAGE_SIZE))),
})
