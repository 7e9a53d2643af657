/**
 * A report summed over the accounts, period by period: the terminal table of
 * `credit-ledger report` and its chart.
 */
import type { Money, Report, ReportPeriod, ReportRow } from '../index.js'
import { stackedChart } from './chart.js'
import { decimal, majorUnits, plus } from './money.js'

const SOURCES = ['subscription', 'rollover', 'extra', 'promotional'] as const
const sum = (by: object) => (Object.values(by) as number[]).reduce((s, v) => s + v, 0)

/** One period summed over the accounts. */
export interface PeriodSummary {
  /** `2025-03` for a month, `2025-03-14` for a day. */
  readonly period: string
  accounts: number
  opening: number
  closing: number
  granted: number
  /** Consumed by source, and beyond what was available (`deficit`). */
  readonly consumed: Record<(typeof SOURCES)[number] | 'deficit', number>
  /** Subscription and rollover credits that expired unused. */
  breakage: number
  /** Extra and promotional credits that expired. */
  expiredOther: number
  /** Contract v4: credits given back by reversals, promotional credits voided, unused extra credits refunded. */
  reversed: number
  voided: number
  refunded: number
  /** Money refunded, by currency. */
  readonly refundedMoney: Map<string, Money>
  /** Money charged, by currency. */
  readonly charged: Map<string, Money>
  /** Extra-credit liability at the period's end, by currency. */
  readonly extraLiability: Map<string, Money>
}

/**
 * Sums the rows of each period over the accounts.
 *
 * @param rows - the report's rows
 * @param period - the report's period
 * @returns one summary per period, in time order
 */
export function byPeriod(rows: readonly ReportRow[], period: ReportPeriod): PeriodSummary[] {
  const map = new Map<string, PeriodSummary>()
  for (const row of rows) {
    const key = period === 'month' ? row.periodStart.slice(0, 7) : row.periodStart.slice(0, 10)
    let p = map.get(key)
    if (p === undefined) {
      p = {
        period: key,
        accounts: 0,
        opening: 0,
        closing: 0,
        granted: 0,
        consumed: { subscription: 0, rollover: 0, extra: 0, promotional: 0, deficit: 0 },
        breakage: 0,
        expiredOther: 0,
        reversed: 0,
        voided: 0,
        refunded: 0,
        refundedMoney: new Map(),
        charged: new Map(),
        extraLiability: new Map(),
      }
      map.set(key, p)
    }
    p.accounts++
    p.opening += row.opening
    p.closing += row.closing
    p.granted += sum(row.granted)
    for (const k of [...SOURCES, 'deficit'] as const) p.consumed[k] += row.consumed[k]
    p.breakage += row.expired.subscription + row.expired.rollover
    p.expiredOther += row.expired.extra + row.expired.promotional
    p.reversed += sum(row.reversed)
    p.voided += sum(row.voided)
    p.refunded += sum(row.refunded)
    for (const [target, money] of [
      [p.charged, row.charged],
      [p.extraLiability, row.extraLiability],
      [p.refundedMoney, row.refundedMoney],
    ] as const) {
      if (money !== null) target.set(money.currency, plus(target.get(money.currency) ?? null, money)!)
    }
  }
  return [...map.values()].sort((a, b) => (a.period < b.period ? -1 : 1))
}

const moneyText = (by: Map<string, Money>) =>
  by.size === 0 ? '-' : [...by.values()].map((m) => `${decimal(m)} ${m.currency}`).join(' + ')
const count = (n: number) => n.toLocaleString('en-US')

/**
 * The terminal table: a line per period (summed over the accounts), then a
 * line of totals per currency.
 *
 * @param summaries - from `byPeriod`
 * @param result - the report (for its totals)
 * @returns the text, ending with a newline
 */
export function summaryTable(summaries: readonly PeriodSummary[], result: Report): string {
  const header = [
    'period',
    'accounts',
    'opening',
    'granted',
    'reversed',
    'consumed',
    'deficit',
    'breakage',
    'voided',
    'refunded',
    'closing',
    'charged',
    'refunded money',
    'extra liability',
  ]
  const lines = summaries.map((p) => [
    p.period,
    count(p.accounts),
    count(p.opening),
    count(p.granted),
    count(p.reversed),
    count(sum(p.consumed) - p.consumed.deficit),
    count(p.consumed.deficit),
    count(p.breakage),
    count(p.voided),
    count(p.refunded),
    count(p.closing),
    moneyText(p.charged),
    moneyText(p.refundedMoney),
    moneyText(p.extraLiability),
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)))
  const format = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd()
  const out = [format(header), widths.map((w) => '─'.repeat(w)).join('  '), ...lines.map(format), '']
  for (const [currency, t] of Object.entries(result.totals)) {
    out.push(
      `${currency}: ${count(t.accounts)} accounts, granted ${count(sum(t.granted))}, consumed ${count(sum(t.consumed))}` +
        ` (deficit ${count(t.consumed.deficit)}), breakage ${count(t.expired.subscription + t.expired.rollover)}, ` +
        `charged ${t.charged === null ? '-' : decimal(t.charged)}, extra liability at the end ${t.extraLiability === null ? '-' : decimal(t.extraLiability)}`,
    )
  }
  return out.join('\n') + '\n'
}

/**
 * The chart: credits consumed by source and expired, stacked per period,
 * with the extra-credit liability as a line (in the first currency found).
 *
 * @param summaries - from `byPeriod`
 * @param period - the report's period (for the title)
 * @returns a standalone SVG document
 */
export function summaryChart(summaries: readonly PeriodSummary[], period: ReportPeriod): string {
  const currencies = [...new Set(summaries.flatMap((p) => [...p.extraLiability.keys()]))]
  const currency = currencies[0] ?? ''
  return stackedChart({
    title: `Where the credits went, by ${period} (all accounts)`,
    categories: summaries.map((p) => p.period),
    stacks: [
      { label: 'consumed: subscription', color: '#4e79a7', values: summaries.map((p) => p.consumed.subscription) },
      { label: 'consumed: rollover', color: '#76b7b2', values: summaries.map((p) => p.consumed.rollover) },
      { label: 'consumed: extra', color: '#59a14f', values: summaries.map((p) => p.consumed.extra) },
      { label: 'consumed: promotional', color: '#edc948', values: summaries.map((p) => p.consumed.promotional) },
      { label: 'consumed: shortfall', color: '#e15759', values: summaries.map((p) => p.consumed.deficit) },
      { label: 'expired (breakage)', color: '#bab0ac', values: summaries.map((p) => p.breakage) },
    ],
    leftLabel: 'credits',
    line: {
      label: `extra-credit liability (${currency}${currencies.length > 1 ? ' only' : ''})`,
      color: '#f28e2b',
      values: summaries.map((p) => majorUnits(p.extraLiability.get(currency) ?? null)),
    },
    rightLabel: `deferred revenue, ${currency}`,
  })
}
