/**
 * Between an event and its row: the columns a stream is read with, and the
 * event rebuilt from them exactly as it was appended (`at` as text, `meta`
 * only when the event had one).
 */
import type { CreditEvent } from '../index.js'

/** The columns `readStream`, `load` and `consume` select, in this order. */
export const EVENT_COLUMNS = 'account_id, seq, id, type, at, data, meta'

/** A row of `events` as selected with {@link EVENT_COLUMNS}. */
export interface EventRow {
  account_id: string
  seq: number
  id: string
  type: string
  at: string
  data: unknown
  meta: unknown
}

/**
 * Rebuilds the event a row holds.
 *
 * @param row - a row selected with {@link EVENT_COLUMNS}
 * @returns the event, with the envelope's keys in the wire order
 * @example
 * eventOf({ account_id: 'a', seq: 1, id: 'e1', type: 'CreditsConsumed', at: '2025-01-01T00:00Z', data: { amount: 1 }, meta: null })
 */
export function eventOf(row: EventRow): CreditEvent {
  const event: Record<string, unknown> = { type: row.type, id: row.id, accountId: row.account_id, at: row.at, data: parseJson(row.data) }
  if (row.meta !== null && row.meta !== undefined) event.meta = parseJson(row.meta)
  return event as unknown as CreditEvent
}

/** A driver that leaves jsonb as text (a custom type parser) still gets objects. */
function parseJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value
}

/** Quotes a value for an error message: at most its first 64 characters. */
export function quote(value: unknown): string {
  let text: string
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value))
  } catch {
    text = String(value)
  }
  return JSON.stringify(text.length > 64 ? `${text.slice(0, 64)}…` : text)
}
