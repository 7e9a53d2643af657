import { canonicalMoney, currencyOf } from '../money/money.js'

function isMoney(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value)
  return (
    keys.every((k) => k === 'amount' || k === 'currency' || k === 'scale') &&
    Number.isSafeInteger(value.amount) &&
    (value.amount as number) >= 0 &&
    typeof value.currency === 'string' &&
    currencyOf(value.currency) !== undefined &&
    (value.scale === undefined || (Number.isInteger(value.scale) && (value.scale as number) >= 0 && (value.scale as number) <= 12))
  )
}

/**
 * A deep copy of `value` with every Money in canonical form, so that two
 * amounts equal in value compare equal (`{ amount: 125, currency: 'USD' }`
 * and `{ amount: 12500, currency: 'USD', scale: 4 }`).
 */
export function byValue<T>(value: T): T {
  if (Array.isArray(value)) return value.map(byValue) as T
  if (typeof value !== 'object' || value === null) return value
  const record = value as Record<string, unknown>
  if (isMoney(record)) return canonicalMoney(record as never) as T
  const copy: Record<string, unknown> = {}
  for (const key of Object.keys(record)) copy[key] = byValue(record[key])
  return copy as T
}
