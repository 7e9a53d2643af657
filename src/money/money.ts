import { add, dinero, multiply, toSnapshot, trimScale, type Dinero } from 'dinero.js'
import * as currencies from 'dinero.js/currencies'
import type { DineroCurrency } from 'dinero.js'

/**
 * Money on the wire and in the state: `amount` in units of 10^-`scale` of
 * `currency` (an ISO 4217 code). `scale` defaults to the currency's exponent,
 * and is omitted by everything the library writes when it equals it.
 */
export interface Money {
  readonly amount: number
  readonly currency: string
  readonly scale?: number
}

const BY_CODE = new Map<string, DineroCurrency<number>>()
for (const c of Object.values(currencies) as DineroCurrency<number>[]) {
  // The wire format counts in powers of ten: MGA and MRU (base 5) do not fit it.
  if (typeof c === 'object' && c.base === 10) BY_CODE.set(c.code, c)
}

/** The dinero.js currency of an ISO 4217 code, or `undefined` for a code it does not ship (or a base-5 one). */
export function currencyOf(code: string): DineroCurrency<number> | undefined {
  return BY_CODE.get(code)
}

/** Thrown inside money arithmetic; turned into `AMOUNT_OVERFLOW` by the caller, who knows the event. */
export class MoneyOverflow extends Error {}

/** A dinero.js value of wire money (whose currency has been validated). */
export function toDinero(money: Money): Dinero<number> {
  const currency = BY_CODE.get(money.currency)!
  return dinero({ amount: money.amount, currency, scale: money.scale ?? currency.exponent })
}

/**
 * The canonical wire form of a dinero.js value: trimmed down to, never below,
 * the currency's exponent; `scale` omitted when it equals the exponent.
 * @throws MoneyOverflow when the amount is not a safe integer
 */
export function toMoney(value: Dinero<number>): Money {
  const { amount, currency, scale } = toSnapshot(trimScale(value))
  if (!Number.isSafeInteger(amount)) throw new MoneyOverflow()
  if (amount === 0 || scale === currency.exponent) return { amount, currency: currency.code }
  return { amount, currency: currency.code, scale }
}

/**
 * `money` in canonical form (a new object). Money without a `scale` is
 * already canonical (its scale is the currency's exponent): it is copied,
 * not rebuilt through dinero.js; any other scale is trimmed by dinero.js.
 */
export function canonicalMoney(money: Money): Money {
  if (money.scale === undefined) {
    if (!Number.isSafeInteger(money.amount)) throw new MoneyOverflow()
    return { amount: money.amount, currency: money.currency }
  }
  return toMoney(toDinero(money))
}

/**
 * A running sum of money in one currency, as a dinero.js value: each
 * addition is one dinero.js `add`, and the sum becomes canonical wire Money
 * once, when it is read (`toMoney`), not after every addition.
 */
export class MoneyTotal {
  private sum: Dinero<number> | null
  private read: Money | null

  /** @param start - the sum so far (wire Money), or `null` for none */
  constructor(start: Money | null) {
    this.sum = start === null ? null : toDinero(start)
    this.read = start
  }

  /**
   * Adds `money` (wire Money of the same currency).
   * @throws MoneyOverflow when either amount at the common scale, or the sum,
   *   leaves the safe integer range (dinero.js would round silently)
   */
  add(money: Money): void {
    const value = toDinero(money)
    if (this.sum === null) {
      this.sum = value
    } else {
      const a = toSnapshot(this.sum)
      const b = scaleOf(money)
      const scale = Math.max(a.scale, b)
      if (!safeSum(a.amount * 10 ** (scale - a.scale), money.amount * 10 ** (scale - b))) throw new MoneyOverflow()
      this.sum = add(this.sum, value)
    }
    this.read = null
  }

  /** The sum in canonical wire form, or `null` when nothing was added. */
  toMoney(): Money | null {
    if (this.read === null && this.sum !== null) this.read = toMoney(this.sum)
    return this.read
  }
}

function safeSum(x: number, y: number): boolean {
  return Number.isSafeInteger(x) && Number.isSafeInteger(y) && Number.isSafeInteger(x + y)
}

/**
 * `a + b`, through dinero.js (no rounding: the result takes the larger scale).
 * @throws MoneyOverflow when either amount at the common scale, or the sum,
 *   leaves the safe integer range (dinero.js would round silently)
 */
export function addMoney(a: Money, b: Money): Money {
  const sa = scaleOf(a)
  const sb = scaleOf(b)
  const scale = Math.max(sa, sb)
  if (!safeSum(a.amount * 10 ** (scale - sa), b.amount * 10 ** (scale - sb))) throw new MoneyOverflow()
  return toMoney(add(toDinero(a), toDinero(b)))
}

function scaleOf(money: Money): number {
  return money.scale ?? BY_CODE.get(money.currency)!.exponent
}

/**
 * `unit × quantity`, through dinero.js with an integer multiplier (no rounding).
 * @throws MoneyOverflow when the product leaves the safe integer range
 */
export function multiplyMoney(unit: Money, quantity: number): Money {
  if (!Number.isSafeInteger(unit.amount * quantity)) throw new MoneyOverflow()
  return toMoney(multiply(toDinero(unit), quantity))
}
