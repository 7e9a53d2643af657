import { add, dinero, toDecimal, toSnapshot, trimScale, type Dinero } from 'dinero.js'
import * as currencies from 'dinero.js/currencies'
import type { DineroCurrency } from 'dinero.js'
import type { Money } from '../index.js'

const BY_CODE = new Map<string, DineroCurrency<number>>()
for (const c of Object.values(currencies) as DineroCurrency<number>[]) if (typeof c === 'object') BY_CODE.set(c.code, c)

/** Wire money as a decimal string (`{ amount: 125, currency: 'USD' }` → `1.25`), through dinero.js; `''` for null. */
export function decimal(money: Money | null): string {
  return money === null ? '' : toDecimal(toDinero(money))
}

/** Wire money as a number of major units, for plotting only (never for arithmetic). */
export function majorUnits(money: Money | null): number {
  return money === null ? 0 : Number(decimal(money))
}

function toDinero(money: Money): Dinero<number> {
  const currency = BY_CODE.get(money.currency)!
  return dinero({ amount: money.amount, currency, scale: money.scale ?? currency.exponent })
}

/** `a + b` through dinero.js (`null` counts as nothing), as wire money. */
export function plus(a: Money | null, b: Money | null): Money | null {
  if (a === null) return b
  if (b === null) return a
  const { amount, currency, scale } = toSnapshot(trimScale(add(toDinero(a), toDinero(b))))
  return scale === currency.exponent ? { amount, currency: currency.code } : { amount, currency: currency.code, scale }
}
