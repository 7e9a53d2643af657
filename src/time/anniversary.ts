import { addMonths } from 'date-fns'
import { utc } from '@date-fns/utc'

/**
 * The end of period `k` of a subscription anchored at `anchor`: `k` calendar
 * months after the anchor in UTC, clamped to the last day of shorter months,
 * time of day kept. Always computed from the anchor, never chained, so
 * 2024-01-31 gives 2024-02-29, 2024-03-31, 2024-04-30.
 *
 * @param anchorMs - the instant the subscription or the last upgrade started
 * @param k - the number of anniversaries since the anchor (1 for the first period's end)
 * @returns epoch milliseconds
 * @example
 * anniversary(Date.parse('2024-01-31T10:00:00Z'), 1) // 2024-02-29T10:00:00.000Z
 */
export function anniversary(anchorMs: number, k: number): number {
  return addMonths(anchorMs, k, { in: utc }).getTime()
}
