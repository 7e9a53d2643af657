import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { advanceTo, balance, createLedger, replay, report, type CreditEvent, type ReportRow } from '../../src/index.js'
import { buy, consume, interleavedHistories, start, toAsync, upgrade, usd } from './histories.js'

const zero = { subscription: 0, rollover: 0, extra: 0, promotional: 0 }
const SOURCES = ['subscription', 'rollover', 'extra', 'promotional'] as const
/** The columns of contract v4's corrections in a history that has none. */
const NO_CORRECTIONS = { reversed: { ...zero, deficit: 0 }, voided: zero, refunded: zero, refundedMoney: null }

function conserves(row: ReportRow): boolean {
  let sum = row.opening
  for (const s of SOURCES) sum += row.granted[s] + row.reversed[s] - row.consumed[s] - row.expired[s] - row.voided[s] - row.refunded[s]
  return sum + row.reversed.deficit - row.consumed.deficit === row.closing
}

const history = () => {
  const a = [start('a', '2025-01-10T09:00:00Z'), consume('a', '2025-01-11T00:00:00Z', 30), buy('a', '2025-01-12T00:00:00Z', 50)]
  const b = [consume('b', '2025-04-05T00:00:00Z', 10)]
  return { a, b, all: [...a, ...b] }
}

describe('report', () => {
  it('writes a row per account and month up to the horizon, with renewals for idle months', () => {
    const { rows, totals } = report(history().all, { period: 'month' })
    expect(rows.map((r) => [r.accountId, r.periodStart, r.periodEnd])).toEqual([
      ['a', '2025-01-01T00:00:00.000Z', '2025-02-01T00:00:00.000Z'],
      ['a', '2025-02-01T00:00:00.000Z', '2025-03-01T00:00:00.000Z'],
      ['a', '2025-03-01T00:00:00.000Z', '2025-04-01T00:00:00.000Z'],
      ['a', '2025-04-01T00:00:00.000Z', '2025-05-01T00:00:00.000Z'],
      ['b', '2025-04-01T00:00:00.000Z', '2025-05-01T00:00:00.000Z'],
    ])
    expect(rows[0]).toEqual({
      accountId: 'a',
      periodStart: '2025-01-01T00:00:00.000Z',
      periodEnd: '2025-02-01T00:00:00.000Z',
      opening: 0,
      closing: 120,
      granted: { ...zero, subscription: 100, extra: 50 },
      consumed: { ...zero, subscription: 30, deficit: 0 },
      expired: zero,
      charged: usd(7250),
      reversed: { ...zero, deficit: 0 },
      voided: zero,
      refunded: zero,
      refundedMoney: null,
      extraLiability: usd(6250),
    })
    expect(rows[1]).toMatchObject({
      opening: 120,
      closing: 150,
      granted: { ...zero, subscription: 100 },
      expired: { ...zero, subscription: 70 },
      charged: usd(1000),
      extraLiability: usd(6250),
    })
    expect(rows[3]).toMatchObject({ opening: 150, closing: 150, expired: { ...zero, subscription: 100 } })
    expect(rows[4]).toMatchObject({
      opening: 0,
      closing: -10,
      consumed: { ...zero, deficit: 10 },
      charged: null,
      extraLiability: null,
    })
    expect(rows.every(conserves)).toBe(true)
    for (const row of rows) expect(Object.values(row)).not.toContain(undefined)
    expect(totals).toEqual({
      USD: {
        accounts: 1,
        opening: 0,
        closing: 150,
        granted: { ...zero, subscription: 400, extra: 50 },
        consumed: { ...zero, subscription: 30, deficit: 0 },
        expired: { ...zero, subscription: 270 },
        charged: usd(10250),
        ...NO_CORRECTIONS,
        extraLiability: usd(6250),
      },
      XXX: {
        accounts: 1,
        opening: 0,
        closing: -10,
        granted: zero,
        consumed: { ...zero, deficit: 10 },
        expired: zero,
        charged: null,
        ...NO_CORRECTIONS,
        extraLiability: null,
      },
    })
  })

  it('widens from and to to whole periods and folds earlier events into the opening', () => {
    const { rows, totals } = report(history().all, { period: 'month', from: '2025-02-15T00:00:00Z', to: '2025-03-20T00:00:00+05:30' })
    expect(rows.map((r) => [r.accountId, r.periodStart, r.opening, r.closing])).toEqual([
      ['a', '2025-02-01T00:00:00.000Z', 120, 150],
      ['a', '2025-03-01T00:00:00.000Z', 150, 150],
    ])
    expect(totals.USD).toMatchObject({ opening: 120, closing: 150, charged: usd(2000), extraLiability: usd(6250) })
    expect(totals.XXX).toBeUndefined()
  })

  it('extends rows to `to` even past the input, and ignores rows past it', () => {
    const { rows } = report(history().a, { period: 'month', to: '2025-03-01T00:00:00Z' })
    expect(rows.map((r) => r.periodStart)).toEqual(['2025-01-01T00:00:00.000Z', '2025-02-01T00:00:00.000Z'])
    const longer = report(history().a, { period: 'month', to: '2025-06-01T00:00:00Z' })
    expect(longer.rows).toHaveLength(5)
    expect(longer.rows.at(-1)).toMatchObject({ periodStart: '2025-05-01T00:00:00.000Z', closing: 150 })
  })

  it('still checks the events after `to`', () => {
    const a = start('a', '2025-01-10T09:00:00Z')
    const late = { ...consume('a', '2025-05-01T00:00:00Z', 1), id: '' }
    expect(() => report([a, late], { period: 'month', to: '2025-03-01T00:00:00Z' })).toThrow(expect.objectContaining({ code: 'INVALID_EVENT' }))
    const outOfOrder = [a, consume('a', '2025-05-01T00:00:00Z', 1), consume('a', '2025-04-01T00:00:00Z', 1)]
    expect(() => report(outOfOrder, { period: 'month', to: '2025-03-01T00:00:00Z' })).toThrow(expect.objectContaining({ code: 'OUT_OF_ORDER' }))
  })

  it('puts an expiry and renewal at a period boundary into the period it starts', () => {
    const events = [start('m', '2025-01-01T00:00:00Z'), consume('m', '2025-01-05T00:00:00Z', 40), consume('m', '2025-02-01T00:00:00Z', 1)]
    const { rows } = report(events, { period: 'month' })
    expect(rows.map((r) => [r.expired.subscription, r.granted.subscription, r.closing])).toEqual([
      [0, 100, 60],
      [60, 100, 99],
    ])
  })

  it('writes daily rows, empty days included', () => {
    const events = [buy('d', '2025-01-01T23:00:00Z', 5), consume('d', '2025-01-04T00:00:00Z', 2)]
    const { rows } = report(events, { period: 'day' })
    expect(rows.map((r) => [r.periodStart.slice(0, 10), r.opening, r.closing])).toEqual([
      ['2025-01-01', 0, 5],
      ['2025-01-02', 5, 5],
      ['2025-01-03', 5, 5],
      ['2025-01-04', 5, 3],
    ])
    expect(rows.map((r) => r.extraLiability)).toEqual([usd(625), usd(625), usd(625), usd(375)])
  })

  it('values the extra liability at each lot’s price, and attributes a repaid deficit to the grant’s source', () => {
    const events = [
      consume('x', '2025-01-01T00:00:00Z', 10),
      buy('x', '2025-01-02T00:00:00Z', 30, usd(100)), // 10 repay the deficit, 20 left at 1.00
      buy('x', '2025-01-03T00:00:00Z', 10, { amount: 15000, currency: 'USD', scale: 4 }), // 10 at 1.50
    ]
    const { rows } = report(events, { period: 'month' })
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      opening: 0,
      closing: 30,
      granted: { ...zero, extra: 40 },
      consumed: { ...zero, deficit: 10 },
      charged: usd(4500),
      extraLiability: usd(3500),
    })
    expect(conserves(rows[0]!)).toBe(true)
  })

  it('totals by currency', () => {
    const eur = { id: 'e', monthlyCredits: 10, price: { amount: 900, currency: 'EUR' } }
    const events = [start('u', '2025-01-10T00:00:00Z'), start('e', '2025-01-10T00:00:00Z', eur), upgrade('u', '2025-01-20T00:00:00Z')]
    const { totals } = report(events, { period: 'month' })
    expect(Object.keys(totals).sort()).toEqual(['EUR', 'USD'])
    expect(totals.EUR).toMatchObject({ accounts: 1, charged: { amount: 900, currency: 'EUR' }, extraLiability: { amount: 0, currency: 'EUR' } })
    expect(totals.USD).toMatchObject({ accounts: 1, charged: usd(5000), closing: 600, granted: { ...zero, subscription: 600 } })
  })

  it('accepts an AsyncIterable and returns a Promise of the same report', async () => {
    const events = history().all
    const promised = report(toAsync(events), { period: 'month' })
    expect(promised).toBeInstanceOf(Promise)
    expect(await promised).toEqual(report(events, { period: 'month' }))
  })

  it('validates events and options', () => {
    const bad = { ...start('a', '2025-01-10T09:00:00Z'), extra: 1 }
    expect(() => report([bad], { period: 'month' })).toThrow(expect.objectContaining({ code: 'INVALID_EVENT' }))
    expect(report([bad], { period: 'month', trusted: true }).rows).toHaveLength(1)
    expect(() => report([], { period: 'week' as never })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
    expect(() => report([], { period: 'month', from: '2025-01-01' })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
    expect(() => report([], { period: 'month', from: '2025-02-01T00:00Z', to: '2025-01-01T00:00Z' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    )
    expect(() => report(null as never, { period: 'month' })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
    const a = start('a', '2025-01-10T09:00:00Z')
    const late = consume('a', '2025-01-09T00:00:00Z', 1)
    expect(() => report([a, late], { period: 'month' })).toThrow(expect.objectContaining({ code: 'OUT_OF_ORDER' }))
    expect(report([], { period: 'month' })).toEqual({ rows: [], totals: {} })
  })

  it('uses the fold options it is given', () => {
    const a = start('a', '2025-01-10T09:00:00Z')
    const again = { ...consume('a', '2025-01-10T10:00:00Z', 1), id: a.id }
    expect(() => report([a, again], { period: 'day' })).toThrow(expect.objectContaining({ code: 'DUPLICATE_EVENT' }))
    expect(createLedger({ idempotencyWindowMs: 60_000 }).report([a, again], { period: 'day' }).rows).toHaveLength(1)
  })

  it('conserves credits on every row and ends where replay ends (property)', () => {
    const fromArb = fc.option(fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2025, 5, 1) }), { nil: undefined })
    fc.assert(
      fc.property(interleavedHistories, fc.constantFrom('month' as const, 'day' as const), fromArb, (events, period, fromMs) => {
        const from = fromMs === undefined ? undefined : new Date(fromMs).toISOString()
        const { rows, totals } = report(events, from === undefined ? { period } : { period, from })
        const byAccount = new Map<string, CreditEvent[]>()
        for (const e of events) byAccount.set(e.accountId, [...(byAccount.get(e.accountId) ?? []), e])
        const horizon = rows.length === 0 ? null : rows.reduce((m, r) => (r.periodEnd > m ? r.periodEnd : m), '')
        for (const [accountId, history] of byAccount) {
          const mine = rows.filter((r) => r.accountId === accountId)
          for (const row of mine) expect(conserves(row)).toBe(true)
          for (let i = 1; i < mine.length; i++) expect(mine[i]!.periodStart).toBe(mine[i - 1]!.periodEnd)
          for (let i = 1; i < mine.length; i++) expect(mine[i]!.opening).toBe(mine[i - 1]!.closing)
          if (mine.length === 0) continue
          expect(mine.at(-1)!.periodEnd).toBe(horizon)
          const end = advanceTo(replay(history), new Date(Date.parse(horizon!) - 1).toISOString())
          const b = balance(end)
          expect(mine.at(-1)!.closing).toBe(b.available - b.deficit)
          if (from === undefined) {
            const granted = mine.reduce((s, r) => s + SOURCES.reduce((t, k) => t + r.granted[k], 0), 0)
            const consumed = mine.reduce((s, r) => s + SOURCES.reduce((t, k) => t + r.consumed[k], 0) + r.consumed.deficit, 0)
            const expired = mine.reduce((s, r) => s + SOURCES.reduce((t, k) => t + r.expired[k], 0), 0)
            expect([granted, consumed, expired]).toEqual([end.totals.granted, end.totals.consumed, end.totals.expired])
            expect(mine[0]!.opening).toBe(0)
          }
        }
        const closings = Object.values(totals).reduce((s, t) => s + t.closing, 0)
        const lasts = [...byAccount.keys()].map((id) => rows.filter((r) => r.accountId === id).at(-1)?.closing ?? 0)
        expect(closings).toBe(lasts.reduce((s, c) => s + c, 0))
      }),
      { numRuns: 200 },
    )
  })
})
