/**
 * The terminal table of `credit-ledger report` shows the corrections of
 * contract v4: credits reversed, voided and refunded, and the money refunded,
 * summed over the accounts period by period.
 */
import { describe, expect, it } from 'vitest'
import { byPeriod, summaryTable } from '../../src/cli/summary.js'
import { report } from '../../src/index.js'
import { consumed, promoted, purchased, refunded, reversed, started, voided } from '../support/events.js'
import { BASIC, usd } from '../support/plans.js'

describe('the report table of the command line', () => {
  it('has columns for what was reversed, voided and refunded, summed over the accounts', () => {
    const events = [
      started('s', '2025-01-10T09:00:00Z', BASIC), // 100, USD 29.00
      purchased('p', '2025-01-11T00:00:00Z', 40, usd(125)), // 40 extra, USD 50.00
      promoted('g', '2025-01-12T00:00:00Z', 30, null), // 30 promotional
      consumed('c', '2025-01-13T00:00:00Z', 20), // from the subscription bucket
      reversed('r', '2025-01-14T00:00:00Z', 'c', 5), // 5 back
      voided('v', '2025-01-15T00:00:00Z', 'g'), // 30 voided
      refunded('f', '2025-01-16T00:00:00Z', 'p', 10), // 10 refunded, USD 12.50
    ]
    const result = report(events, { period: 'month', from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z' })
    const [january] = byPeriod(result.rows, 'month')
    expect(january).toMatchObject({ period: '2025-01', granted: 170, reversed: 5, voided: 30, refunded: 10 })
    expect([...january!.refundedMoney.values()]).toEqual([usd(1250)])
    const [header, , line] = summaryTable([january!], result).split('\n')
    expect(header!.split(/ {2,}/)).toEqual([
      'period', 'accounts', 'opening', 'granted', 'reversed', 'consumed', 'deficit', 'breakage',
      'voided', 'refunded', 'closing', 'charged', 'refunded money', 'extra liability',
    ])
    // 0 + 170 + 5 − 20 − 0 − 30 − 10 = 115 at the end of January
    expect(line!.trim().split(/ {2,}/)).toEqual(['2025-01', '1', '0', '170', '5', '20', '0', '0', '30', '10', '115', '79.00 USD', '12.50 USD', '37.50 USD'])
  })
})
