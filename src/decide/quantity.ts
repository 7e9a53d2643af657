import type { ResolvedLedgerOptions } from '../ledger/options.js'

/**
 * Checks a purchase quantity against the ledger's bounds.
 * @returns `null` when it is within them, else the reason
 */
export function quantityProblem(options: ResolvedLedgerOptions, quantity: unknown): string | null {
  if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity)) return 'must be a whole number of credits'
  if (quantity < options.minQuantity) return `must be at least the ledger's minQuantity ${options.minQuantity}`
  if (quantity > options.maxQuantity) return `must be at most the ledger's maxQuantity ${options.maxQuantity}`
  return null
}

