import { z } from 'zod'
import { identifier, moneySchema, planSchema } from '../events/fields.js'
import { isCanonical, parseInstant } from '../time/instant.js'
import { CONSUMPTION_PAGE_SIZE, WINDOW_PAGE_SIZE } from './types.js'

/** An instant as the library writes it: the canonical `toISOString()` form. */
const canonicalInstant = z.string().refine((s) => isCanonical(s) && !Number.isNaN(parseInstant(s)), {
  message: 'must be an instant in the toISOString() form',
})

const count = z.int().nonnegative()

export const bucketSchema = z.strictObject({
  id: z.string().regex(/^b[1-9]\d*$/, 'must be b1, b2, …'),
  source: z.enum(['subscription', 'rollover', 'extra', 'promotional']),
  granted: z.int().positive(),
  remaining: z.int().positive(),
  grantedAt: canonicalInstant,
  expiresAt: canonicalInstant.nullable(),
  unitPrice: moneySchema.nullable(),
  // Contract v4; a snapshot written before it has none (`null`).
  grantedBy: identifier.nullable().default(null),
})

export const subscriptionSchema = z.strictObject({
  plan: planSchema,
  anchor: canonicalInstant,
  period: z.int().positive(),
  periodStart: canonicalInstant,
  periodEnd: canonicalInstant,
})

export const windowEntrySchema = z.strictObject({
  id: identifier,
  at: canonicalInstant,
  command: z.string(),
})

export const drawSchema = z.strictObject({
  bucketId: z.string().regex(/^b[1-9]\d*$/, 'must be b1, b2, …'),
  source: z.enum(['subscription', 'rollover', 'extra', 'promotional']),
  credits: z.int().positive(),
  granted: z.int().positive(),
  grantedAt: canonicalInstant,
  expiresAt: canonicalInstant.nullable(),
  unitPrice: moneySchema.nullable(),
  grantedBy: identifier.nullable(),
})

export const consumptionRecordSchema = z.strictObject({
  id: identifier,
  at: canonicalInstant,
  amount: z.int().positive(),
  shortfall: count,
  reversed: count,
  draws: z.array(drawSchema),
})

/** The zod schema of the shape of an `AccountState` snapshot (`parseState` also checks its invariants). */
export const accountStateSchema = z.strictObject({
  version: z.literal(1),
  accountId: identifier.nullable(),
  clock: canonicalInstant.nullable(),
  subscription: subscriptionSchema.nullable(),
  buckets: z.array(bucketSchema),
  deficit: count,
  totals: z.strictObject({
    granted: count,
    consumed: count,
    expired: count,
    charged: moneySchema.nullable(),
    // Contract v4; a snapshot written before it has none (0 and `null`).
    reversed: count.default(0),
    voided: count.default(0),
    refunded: count.default(0),
    refundedMoney: moneySchema.nullable().default(null),
  }),
  nextBucket: z.int().positive(),
  window: z.array(z.array(windowEntrySchema).min(1).max(WINDOW_PAGE_SIZE)),
  // Contract v4; a snapshot written before it has none (an empty reversal window).
  consumptions: z.array(z.array(consumptionRecordSchema).min(1).max(CONSUMPTION_PAGE_SIZE)).default([]),
})
