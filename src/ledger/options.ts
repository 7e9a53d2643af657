import * as z from 'zod/mini'
import { InvalidOptionsError } from '../errors.js'
import { moneySchema } from '../events/fields.js'
import { describeIssue } from '../edges/describeIssue.js'
import { DEFAULT_FOLD_OPTIONS } from '../fold/options.js'
import { canonicalMoney, type Money } from '../money/money.js'

/** What `createLedger` accepts. Every option has a default. */
export interface LedgerOptions {
  /** The unit price of an extra credit, as wire Money (default USD 1.25: `{ amount: 125, currency: 'USD' }`). */
  readonly extraCreditPrice?: Money
  /** The smallest quantity a `PurchaseExtraCredits` command may ask for (default 1). */
  readonly minQuantity?: number
  /** The largest quantity a `PurchaseExtraCredits` command may ask for (default 1,000,000). */
  readonly maxQuantity?: number
  /** How long an applied event id is remembered, in ms (default 86,400,000: 24 hours). */
  readonly idempotencyWindowMs?: number
  /** How long a consumption can be reversed, in ms (default 2,592,000,000: 30 days). */
  readonly reversalWindowMs?: number
}

/** The options a ledger runs with: every default filled in, the price canonical. Frozen. */
export interface ResolvedLedgerOptions {
  readonly extraCreditPrice: Money
  readonly minQuantity: number
  readonly maxQuantity: number
  readonly idempotencyWindowMs: number
  readonly reversalWindowMs: number
}

const DEFAULTS = {
  extraCreditPrice: { amount: 125, currency: 'USD' },
  minQuantity: 1,
  maxQuantity: 1_000_000,
  idempotencyWindowMs: DEFAULT_FOLD_OPTIONS.idempotencyWindowMs,
  reversalWindowMs: DEFAULT_FOLD_OPTIONS.reversalWindowMs,
} as const

/** The zod schema of the ledger's options (strict: a misspelt option is an error, not a silent default). */
export const ledgerOptionsSchema = z
  .strictObject({
    extraCreditPrice: z.optional(moneySchema),
    minQuantity: z.optional(z.int().check(z.positive())),
    maxQuantity: z.optional(z.int().check(z.positive())),
    idempotencyWindowMs: z.optional(z.int().check(z.positive())),
    reversalWindowMs: z.optional(z.int().check(z.positive())),
  })
  .check(
    z.refine((o) => (o.minQuantity ?? DEFAULTS.minQuantity) <= (o.maxQuantity ?? DEFAULTS.maxQuantity), {
      message: 'must not exceed maxQuantity',
      path: ['minQuantity'],
    }),
  )

function freezeOptions(o: ResolvedLedgerOptions): ResolvedLedgerOptions {
  Object.freeze(o.extraCreditPrice)
  return Object.freeze(o)
}

/** The default ledger's options. */
export const DEFAULT_LEDGER_OPTIONS: ResolvedLedgerOptions = /* @__PURE__ */ freezeOptions({
  ...DEFAULTS,
  extraCreditPrice: { ...DEFAULTS.extraCreditPrice },
})

/**
 * Validates ledger options and fills in the defaults.
 *
 * @param input - the options given to `createLedger` (or `undefined`)
 * @returns frozen options, the price in canonical form
 * @throws InvalidOptionsError (`INVALID_OPTIONS`) naming the option and its value
 * @example
 * resolveLedgerOptions({ maxQuantity: 500 }).extraCreditPrice // { amount: 125, currency: 'USD' }
 */
export function resolveLedgerOptions(input: unknown): ResolvedLedgerOptions {
  if (input === undefined) return DEFAULT_LEDGER_OPTIONS
  const result = ledgerOptionsSchema.safeParse(input)
  if (!result.success) {
    const { message, field, value } = describeIssue(input, result.error, 'ledger options')
    throw new InvalidOptionsError(message, { field, value })
  }
  const o = result.data
  return freezeOptions({
    extraCreditPrice: canonicalMoney(o.extraCreditPrice ?? DEFAULTS.extraCreditPrice),
    minQuantity: o.minQuantity ?? DEFAULTS.minQuantity,
    maxQuantity: o.maxQuantity ?? DEFAULTS.maxQuantity,
    idempotencyWindowMs: o.idempotencyWindowMs ?? DEFAULTS.idempotencyWindowMs,
    reversalWindowMs: o.reversalWindowMs ?? DEFAULTS.reversalWindowMs,
  })
}
