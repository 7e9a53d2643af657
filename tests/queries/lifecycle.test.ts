/**
 * Statements and reports of the subscription lifecycle (contract v4, SPEC
 * §8 and §9.2): a renewal that rolls writes a `rollover` pair and an
 * `expire` for the rest; every report row keeps its conservation line; a
 * cancelled account's rows run to the horizon with no renewals.
 */
import { describe, expect, it } from 'vitest'
import { balance, replay, report, statement, type CreditEvent, type ReportRow } from '../../src/index.js'
import { history } from '../../src/testing/index.js'
import { usd } from '../support/plans.js'
import { LITE, ROLL_30, ROLL_50PCT } from '../rules/plans.js'

const zero = { subscription: 0, rollover: 0, extra: 0, promotional: 0 }
const SOURCES = ['subscription', 'rollover', 'extra', 'promotional'] as const

function conserves(row: ReportRow): boolean {
  let sum = row.opening
  for (const s of SOURCES) sum += row.granted[s] - row.consumed[s] - row.expired[s]
  return sum - row.consumed.deficit === row.closing
}

// a: ROLL_30 from 01-10T09:00Z, −20, cancelled (period end) in period 2, so it ends 03-10T09:00Z.
const a = history('a').start(ROLL_30, '2025-01-10T09:00:00Z').consume(20, '+1d').cancel('periodEnd', '2025-02-20T00:00:00Z')
// b: ROLL_50PCT, −30, downgrade to Lite, −45 in period 2 (which overdraws 5), then cancelled at once.
const b = history('b')
  .start(ROLL_50PCT, '2025-01-05T00:00:00Z')
  .consume(30, '+1d')
  .downgrade(LITE, '+1d')
  .consume(95, '2025-02-06T00:00:00Z')
  .buyExtra(10, '+1d')
  .cancel('immediate', '2025-04-20T00:00:00Z')
// c sets the horizon: the end of May
const c = history('c').buyExtra(1, '2025-05-15T00:00:00Z')
const all: CreditEvent[] = [...a.events, ...b.events, ...c.events].sort((x, y) => Date.parse(x.at) - Date.parse(y.at))

describe('statement', () => {
  it('sums to available − deficit of each account, and per bucket to its remaining', () => {
    const entries = [...statement(all)]
    for (const h of [a, b, c]) {
      const state = replay(h.events)
      const mine = entries.filter((e) => e.accountId === state.accountId)
      const { available, deficit } = balance(state)
      expect(mine.reduce((n, e) => n + e.credits, 0)).toBe(available - deficit)
      for (const bucket of state.buckets) {
        expect(mine.filter((e) => e.bucketId === bucket.id).reduce((n, e) => n + e.credits, 0)).toBe(bucket.remaining)
      }
      for (const e of mine) expect(e.credits).not.toBe(0)
    }
  })

  it('the change renewal of b: 50 % of the old 100 roll, the rest expire, then 40 of Lite are granted', () => {
    const feb = [...statement(b.events)].filter((e) => e.at === '2025-02-05T00:00:00.000Z')
    // 70 unused: 50 roll from b1 into b2, 20 of b1 expire, +40 into b3 with USD 9.00 charged
    expect(feb.map((e) => [e.kind, e.source, e.bucketId, e.credits, e.charged])).toEqual([
      ['rollover', 'subscription', 'b1', -50, null],
      ['rollover', 'rollover', 'b2', 50, null],
      ['expire', 'subscription', 'b1', -20, null],
      ['grant', 'subscription', 'b3', 40, usd(900)],
    ])
  })
})

describe('report', () => {
  const { rows, totals } = report(all, { period: 'month' })
  const rowsOf = (id: string) => rows.filter((r) => r.accountId === id)

  it('every row keeps its conservation line', () => {
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) expect(conserves(row), `${row.accountId} ${row.periodStart}`).toBe(true)
  })

  it('a cancelled account: the rolled credits are neither granted nor expired twice, and its rows run to the horizon with no renewals', () => {
    const ra = rowsOf('a')
    expect(ra.map((r) => r.periodStart.slice(0, 7))).toEqual(['2025-01', '2025-02', '2025-03', '2025-04', '2025-05'])
    // Jan: +100, −20
    expect(ra[0]).toMatchObject({ opening: 0, closing: 80, granted: { ...zero, subscription: 100 }, charged: usd(2900) })
    // Feb 10: 30 roll (a move), 50 expire, +100 and 29.00
    expect(ra[1]).toMatchObject({ opening: 80, closing: 130, granted: { ...zero, subscription: 100 }, expired: { ...zero, subscription: 50 }, charged: usd(2900) })
    // Mar 10: the end, no renewal: the rollover 30 and the subscription 100 expire, nothing granted or charged
    expect(ra[2]).toMatchObject({ opening: 130, closing: 0, granted: zero, expired: { ...zero, subscription: 100, rollover: 30 }, charged: null })
    for (const row of ra.slice(3)) {
      expect(row).toMatchObject({ opening: 0, closing: 0, granted: zero, expired: zero, charged: null, extraLiability: usd(0) })
    }
  })

  it('an immediate cancellation: the plan credits expire in its month; extra credits and their liability stay', () => {
    const rb = rowsOf('b')
    // b: Feb 5 change renewal: 50 roll, 20 expire, +40; Feb 6 −95: 90 drawn, 5 short; Feb 7 +10 extra repays 5 → 5 extra.
    expect(rb[1]).toMatchObject({ granted: { ...zero, subscription: 40, extra: 10 }, expired: { ...zero, subscription: 20 }, closing: 5 })
    expect(rb[1]!.consumed).toEqual({ ...zero, rollover: 50, subscription: 40, deficit: 5 })
    // Mar 5, Apr 5: Lite renews (+40, 9.00) and its credits expire a month later; Apr 20: the 40 of April expire at once
    expect(rb[3]).toMatchObject({ granted: { ...zero, subscription: 40 }, expired: { ...zero, subscription: 80 }, charged: usd(900) })
    expect(rb[4]).toMatchObject({ opening: 5, closing: 5, granted: zero, charged: null, extraLiability: usd(625) })
    expect(totals.USD!.accounts).toBe(3)
  })
})
