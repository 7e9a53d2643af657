import { AmountOverflowError, InvalidArgumentError, show } from '../errors.js'
import { resolveLedgerOptions, type LedgerOptions, type ResolvedLedgerOptions } from '../ledger/options.js'
import { MoneyOverflow, multiplyMoney, type Money } from '../money/money.js'
import { quantityProblem } from './quantity.js'

/**
 * What a purchase of `quantity` extra credits costs: the ledger's unit price
 * times `quantity`, through dinero.js with an integer multiplier (no rounding).
 * It equals the money the `ExtraCreditsPurchased` event will charge.
 *
 * @param quantity - a whole number of credits within the ledger's bounds
 * @param options - ledger options (default: the default ledger's, USD 1.25 per credit)
 * @returns canonical wire Money
 * @throws InvalidArgumentError (`INVALID_ARGUMENT`) for a quantity outside `[minQuantity, maxQuantity]`;
 *   InvalidOptionsError for bad options; AmountOverflowError when the cost leaves the safe integer range
 * @example
 * quoteExtraCredits(50) // { amount: 6250, currency: 'USD' }
 * quoteExtraCredits(3, { extraCreditPrice: { amount: 9, currency: 'EUR', scale: 1 } }) // { amount: 270, currency: 'EUR' }
 */
export function quoteExtraCredits(quantity: number, options?: LedgerOptions): Money {
  return quoteExtraCreditsWith(resolveLedgerOptions(options), quantity)
}

export function quoteExtraCreditsWith(options: ResolvedLedgerOptions, quantity: number): Money {
  const problem = quantityProblem(options, quantity)
  if (problem !== null) {
    throw new InvalidArgumentError(`quoteExtraCredits: quantity ${problem} (got ${show(quantity)})`, {
      field: 'quantity',
      value: quantity,
    })
  }
  try {
    return multiplyMoney(options.extraCreditPrice, quantity)
  } catch (error) {
    if (!(error instanceof MoneyOverflow)) throw error
    throw new AmountOverflowError(
      `quoteExtraCredits: unitPrice × quantity would leave the safe integer range (quantity = ${show(quantity)})`,
      { field: 'quantity', value: quantity },
    )
  }
}
