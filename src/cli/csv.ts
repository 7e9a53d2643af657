/**
 * RFC 4180 CSV: a field containing a comma, a double quote, CR or LF is
 * quoted, with its quotes doubled; records end with CRLF.
 */
import type { Money } from '../index.js'
import { decimal } from './money.js'

/** A CSV field's value: `null` is an empty field. */
export type CsvValue = string | number | null

/** One field, quoted when it must be. `null` is an empty field. */
export function csvField(value: CsvValue): string {
  if (value === null) return ''
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** One record, with its CRLF. */
export function csvRecord(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',') + '\r\n'
}

/** A wire Money (`{ amount, currency, scale? }`). */
function isMoney(value: unknown): value is Money {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { amount?: unknown }).amount === 'number' &&
    typeof (value as { currency?: unknown }).currency === 'string'
  )
}

/**
 * The CSV columns of a JSON row (SPEC §11): one per field, nested fields
 * joined with a dot (`granted.subscription`); a Money, a `null` and a scalar
 * are one column each; then `currency`.
 *
 * @param row - a row of the library's output (a report row, a statement entry, a balance)
 * @param withCurrency - add the `currency` column (rows that hold money)
 * @returns the column names, in the row's key order
 * @example
 * csvColumns({ accountId: 'a', granted: { subscription: 1 }, charged: null }) // ['accountId', 'granted.subscription', 'charged', 'currency']
 */
export function csvColumns(row: object, withCurrency = true): string[] {
  const columns: string[] = []
  const walk = (value: object, prefix: string) => {
    for (const [key, field] of Object.entries(value)) {
      if (typeof field === 'object' && field !== null && !isMoney(field)) walk(field, `${prefix}${key}.`)
      else columns.push(`${prefix}${key}`)
    }
  }
  walk(row, '')
  if (withCurrency) columns.push('currency')
  return columns
}

/**
 * One CSV record of a row, by `columns` (from `csvColumns`): money as a
 * decimal string in major units (`190.50`, JPY `1000`, KWD `1.250`), and the
 * `currency` column set from the row's money (an account has one currency).
 *
 * @param row - the row
 * @param columns - the columns, `currency` included
 * @returns the record, with its CRLF
 * @example
 * csvRow({ id: 'a', charged: { amount: 19050, currency: 'USD' } }, ['id', 'charged', 'currency']) // 'a,190.50,USD\r\n'
 */
export function csvRow(row: object, columns: readonly string[]): string {
  let currency: string | null = null
  const values = columns.map((column): CsvValue => {
    if (column === 'currency') return null
    let value: unknown = row
    for (const key of column.split('.')) value = (value as Record<string, unknown> | null)?.[key] ?? null
    if (isMoney(value)) {
      currency ??= value.currency
      return decimal(value)
    }
    if (value === null || typeof value === 'string' || typeof value === 'number') return value
    return JSON.stringify(value)
  })
  const at = columns.indexOf('currency')
  if (at >= 0) values[at] = currency
  return csvRecord(values)
}
