import * as z from 'zod/mini'
import { identifier, moneySchema, planSchema } from '../events/fields.js'
import { isCanonical, parseInstant } from '../time/instant.js'
import { CONSUMPTION_PAGE_SIZE, WINDOW_PAGE_SIZE } from './types.js'

/** An instant as the library writes it: the canonical `toISOString()` form. */
const canonicalInstant = z.string().check(
  z.refine((s) => isCanonical(s) && !Number.isNaN(parseInstant(s)), {
    message: 'must be an instant in the toISOString() form',
  }),
)

/**
 * An instant the library computes ahead of its clock (a period's end, a
 * bucket's expiry): the canonical form, in years 0001–9999. Events and the
 * clock stay in 0001–9998, but the anniversary of an instant in late 9998
 * falls in 9999 (a subscription started on 9998-12-15 ends its period on
 * 9999-01-15), and a snapshot the library wrote must read back. 9999 has the
 * calendar of 9998 (neither is a leap year), so such an instant is checked as
 * its 9998 twin. The clock never reaches it: no renewal happens in 9999.
 */
const aheadInstant = z.string().check(
  z.refine((s) => isCanonical(s) && !Number.isNaN(parseInstant(s.startsWith('9999-') ? `9998${s.slice(4)}` : s)),
  { message: 'must be an instant in the toISOString() form (years 0001–9999)' }),
)

const count = z.int().check(z.nonnegative())

export const bucketSchema = z.strictObject({
  id: z.string().check(z.regex(/^b[1-9]\d*$/, 'must be b1, b2, …')),
  source: z.enum(['subscription', 'rollover', 'extra', 'promotional']),
  granted: z.int().check(z.positive()),
  remaining: z.int().check(z.positive()),
  grantedAt: canonicalInstant,
  expiresAt: z.nullable(aheadInstant),
  unitPrice: z.nullable(moneySchema),
  // Contract v4; a snapshot written before it has none (`null`).
  grantedBy: z._default(z.nullable(identifier), null),
})

export const subscriptionSchema = z.strictObject({
  plan: planSchema,
  anchor: canonicalInstant,
  period: z.int().check(z.positive()),
  periodStart: canonicalInstant,
  periodEnd: aheadInstant,
  // Contract v4; a snapshot written before it has neither (read as false and null).
  cancelAtPeriodEnd: z._default(z.boolean(), false),
  scheduledPlan: z._default(z.nullable(planSchema), null),
})

export const windowEntrySchema = z.strictObject({
  id: identifier,
  at: canonicalInstant,
  command: z.string(),
})

export const drawSchema = z.strictObject({
  bucketId: z.string().check(z.regex(/^b[1-9]\d*$/, 'must be b1, b2, …')),
  source: z.enum(['subscription', 'rollover', 'extra', 'promotional']),
  credits: z.int().check(z.positive()),
  granted: z.int().check(z.positive()),
  grantedAt: canonicalInstant,
  expiresAt: z.nullable(aheadInstant),
  unitPrice: z.nullable(moneySchema),
  grantedBy: z.nullable(identifier),
})

export const consumptionRecordSchema = z.strictObject({
  id: identifier,
  at: canonicalInstant,
  amount: z.int().check(z.positive()),
  shortfall: count,
  reversed: count,
  draws: z.array(drawSchema),
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
    // Contract v4; a snapshot written before it has none (0 and `null`).
    reversed: z._default(count, 0),
    voided: z._default(count, 0),
    refunded: z._default(count, 0),
    refundedMoney: z._default(z.nullable(moneySchema), null),
  }),
  nextBucket: z.int().check(z.positive()),
  window: z.array(z.array(windowEntrySchema).check(z.minLength(1), z.maxLength(WINDOW_PAGE_SIZE))),
  // Contract v4; a snapshot written before it has none (an empty reversal window).
  consumptions: z._default(z.array(z.array(consumptionRecordSchema).check(z.minLength(1), z.maxLength(CONSUMPTION_PAGE_SIZE))), []),
})
