import { InvalidArgumentError, show } from '../errors.js'
import type { CreditEvent } from '../events/index.js'
import { eventReader } from '../events/guards.js'
import type { Movement } from '../rules/movement.js'
import { DEFAULT_FOLD_OPTIONS, type FoldOptions } from '../fold/options.js'
import { AccountFold } from '../evolve/replay.js'
import { addMoney, canonicalMoney, multiplyMoney, type Money } from '../money/money.js'
import { initialState } from '../state/initialState.js'
import type { AccountState } from '../state/types.js'
import { formatInstant, parseInstant } from '../time/instant.js'
import { drain } from '../edges/drain.js'

/** The length of a report's rows: a calendar month or a day, in UTC. */
export type ReportPeriod = 'month' | 'day'

/** Credits by the source of their bucket. */
export interface CreditsBySource {
  readonly subscription: number
  readonly rollover: number
  readonly extra: number
  readonly promotional: number
}

/** Credits consumed by source, and `deficit`: consumed beyond what was available. */
export interface ConsumedBySource extends CreditsBySource {
  readonly deficit: number
}

/** One account over one calendar period (SPEC §8). Every key is always present. */
export interface ReportRow {
  readonly accountId: string
  /** Start of the period, inclusive (canonical UTC form). */
  readonly periodStart: string
  /** End of the period, exclusive. */
  readonly periodEnd: string
  /** `available − deficit` at `periodStart`. */
  readonly opening: number
  /** `available − deficit` just before `periodEnd`. */
  readonly closing: number
  /** Credits that entered the account (a move into a rollover bucket is not a grant). */
  readonly granted: CreditsBySource
  /** Credits consumed, shortfalls included (as `deficit`). */
  readonly consumed: ConsumedBySource
  /** Credits that expired unused; breakage is `subscription + rollover`. */
  readonly expired: CreditsBySource
  /** Money charged in the period (wire form), or `null` for none. */
  readonly charged: Money | null
  /** Credits given back by reversals, by the source of the bucket they went back to, and `deficit`: shortfalls given back. */
  readonly reversed: ConsumedBySource
  /** Promotional credits voided (by source: only `promotional` is ever non-zero). */
  readonly voided: CreditsBySource
  /** Unused extra credits refunded (by source: only `extra` is ever non-zero). */
  readonly refunded: CreditsBySource
  /** Money refunded in the period (wire form), or `null` for none. */
  readonly refundedMoney: Money | null
  /**
   * Unused extra credits at the end of the period, each valued at the unit
   * price it was bought at (deferred revenue); `null` only before the
   * account's first charge (the account has no currency yet).
   */
  readonly extraLiability: Money | null
}

/**
 * The sums of a report over the accounts of one currency: the fields of a
 * row summed over every account and period of the range, except `opening`
 * (Σ of each account's first opening), `closing` and `extraLiability` (Σ of
 * each account's last row; `null` when no account had one).
 */
export interface ReportTotals
  extends Pick<ReportRow, 'opening' | 'closing' | 'granted' | 'consumed' | 'expired' | 'charged' | 'extraLiability'>,
    Pick<ReportRow, 'reversed' | 'voided' | 'refunded' | 'refundedMoney'> {
  /** How many accounts have rows in this currency. */
  readonly accounts: number
}

/** The result of `report`. */
export interface Report {
  /** Rows by account (in the order accounts first appear), each in time order. */
  readonly rows: ReportRow[]
  /**
   * Sums by currency code (an account's currency is the one of its first
   * charge); accounts never charged by the end of the range are under `XXX`
   * (ISO 4217's "no currency").
   */
  readonly totals: Record<string, ReportTotals>
}

/** Options of `report`. */
export interface ReportOptions {
  /** The length of a row: a calendar month or a day, in UTC. */
  readonly period: ReportPeriod
  /** First instant of the range (ISO-8601 with offset), widened down to a period start. Earlier events fold into the opening. */
  readonly from?: string
  /** End of the range, exclusive, widened up to a period end. Default: the end of the period holding the latest `at` of the input. */
  readonly to?: string
  /** Skip the validation of each event's shape. */
  readonly trusted?: boolean
}

/** The key under which accounts with no currency are totalled. */
export const NO_CURRENCY = 'XXX'

/**
 * A periodic report of an interleaved history of many accounts: one row per
 * account and calendar period (UTC, empty periods included) with the opening
 * and closing balance, credits granted, consumed and expired by source, money
 * charged and the extra-credit liability; and totals by currency.
 *
 * It streams: memory grows with accounts × live buckets (plus the rows),
 * never with events. Renewals keep happening up to the horizon for idle
 * accounts. Every row satisfies
 * `opening + Σgranted − Σconsumed − Σexpired = closing`.
 *
 * @param events - events of any number of accounts (each in time order): an
 *   Iterable (the result is a `Report`) or an AsyncIterable (a Promise of one)
 * @param options - `period` (`'month'` or `'day'`), optional `from`/`to`
 *   (half-open, widened to whole periods), `trusted`
 * @returns the rows and the totals by currency
 * @throws CreditLedgerError at the first bad event; `INVALID_ARGUMENT` for bad options
 * @example
 * const { rows, totals } = await report(readJsonLines('export.jsonl'), { period: 'month', from: '2025-01-01T00:00:00Z' })
 * const breakage = rows.reduce((sum, row) => sum + row.expired.subscription + row.expired.rollover, 0)
 * totals.USD?.extraLiability // deferred revenue at the end of the range
 */
export function report(events: Iterable<unknown>, options: ReportOptions): Report
export function report(events: AsyncIterable<unknown>, options: ReportOptions): Promise<Report>
export function report(events: Iterable<unknown> | AsyncIterable<unknown>, options: ReportOptions): Report | Promise<Report>
export function report(events: Iterable<unknown> | AsyncIterable<unknown>, options: ReportOptions): Report | Promise<Report> {
  return reportWith(DEFAULT_FOLD_OPTIONS, events, options)
}

/**
 * `report` with the fold options of a ledger (`createLedger` binds it).
 *
 * @param foldOptions - the ledger's fold options (idempotency window)
 * @param events - an Iterable or an AsyncIterable of events
 * @param options - as for `report`
 * @returns as for `report`
 * @example
 * const monthly = reportWith({ idempotencyWindowMs: 3_600_000 }, events, { period: 'month' })
 */
export function reportWith(foldOptions: FoldOptions, events: Iterable<unknown>, options: ReportOptions): Report
export function reportWith(foldOptions: FoldOptions, events: AsyncIterable<unknown>, options: ReportOptions): Promise<Report>
export function reportWith(
  foldOptions: FoldOptions,
  events: Iterable<unknown> | AsyncIterable<unknown>,
  options: ReportOptions,
): Report | Promise<Report>
export function reportWith(
  foldOptions: FoldOptions,
  events: Iterable<unknown> | AsyncIterable<unknown>,
  options: ReportOptions,
): Report | Promise<Report> {
  const builder = new ReportBuilder(foldOptions, readOptions(options))
  return drain('report', events, (input) => builder.add(input), () => builder.finish())
}

// ── periods ────────────────────────────────────────────────────────────

const DAY = 86_400_000

/** The start of the UTC calendar period holding `ms`. */
export function periodStartOf(period: ReportPeriod, ms: number): number {
  if (period === 'day') return Math.floor(ms / DAY) * DAY
  const d = new Date(ms)
  return new Date(0).setUTCFullYear(d.getUTCFullYear(), d.getUTCMonth(), 1)
}

/** The start of the period after the one starting at `startMs`. */
export function periodEndOf(period: ReportPeriod, startMs: number): number {
  if (period === 'day') return startMs + DAY
  const d = new Date(startMs)
  return new Date(0).setUTCFullYear(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)
}

interface Settings {
  readonly period: ReportPeriod
  /** Widened `from`, or −∞. */
  readonly fromMs: number
  /** Widened `to`, or `null` (the horizon is found at the end). */
  readonly toMs: number | null
  readonly trusted: boolean
}

function readOptions(options: ReportOptions): Settings {
  if (options === null || typeof options !== 'object') {
    throw new InvalidArgumentError(`report: options must be an object with a period (got ${show(options)})`, {
      field: 'options',
      value: options ?? null,
    })
  }
  const { period, from, to, trusted } = options
  if (period !== 'month' && period !== 'day') {
    throw new InvalidArgumentError(`report: period must be "month" or "day" (got ${show(period)})`, {
      field: 'period',
      value: period ?? null,
    })
  }
  const instant = (value: unknown, field: string): number | null => {
    if (value === undefined || value === null) return null
    const ms = typeof value === 'string' ? parseInstant(value) : NaN
    if (Number.isNaN(ms)) {
      throw new InvalidArgumentError(`report: ${field} must be an ISO-8601 timestamp with an offset (got ${show(value)})`, {
        field,
        value,
      })
    }
    return ms
  }
  const fromRaw = instant(from, 'from')
  const toRaw = instant(to, 'to')
  if (fromRaw !== null && toRaw !== null && toRaw <= fromRaw) {
    throw new InvalidArgumentError(`report: to ${show(to)} must be after from ${show(from)}`, { field: 'to', value: to })
  }
  const fromMs = fromRaw === null ? -Infinity : periodStartOf(period, fromRaw)
  let toMs: number | null = null
  if (toRaw !== null) {
    const start = periodStartOf(period, toRaw)
    toMs = start === toRaw ? toRaw : periodEndOf(period, start)
  }
  return { period, fromMs, toMs, trusted: trusted === true }
}

// ── accumulation ───────────────────────────────────────────────────────

interface Sums {
  granted: { subscription: number; rollover: number; extra: number; promotional: number }
  consumed: { subscription: number; rollover: number; extra: number; promotional: number; deficit: number }
  expired: { subscription: number; rollover: number; extra: number; promotional: number }
  charged: Money | null
  reversed: { subscription: number; rollover: number; extra: number; promotional: number; deficit: number }
  voided: { subscription: number; rollover: number; extra: number; promotional: number }
  refunded: { subscription: number; rollover: number; extra: number; promotional: number }
  refundedMoney: Money | null
}

function emptySums(): Sums {
  return {
    granted: { subscription: 0, rollover: 0, extra: 0, promotional: 0 },
    consumed: { subscription: 0, rollover: 0, extra: 0, promotional: 0, deficit: 0 },
    expired: { subscription: 0, rollover: 0, extra: 0, promotional: 0 },
    charged: null,
    reversed: { subscription: 0, rollover: 0, extra: 0, promotional: 0, deficit: 0 },
    voided: { subscription: 0, rollover: 0, extra: 0, promotional: 0 },
    refunded: { subscription: 0, rollover: 0, extra: 0, promotional: 0 },
    refundedMoney: null,
  }
}

/** One account: its fold, and the sums of the row in progress. */
class AccountRows {
  readonly fold: AccountFold
  readonly rows: ReportRow[] = []
  /** `available − deficit`, kept from the movements. */
  balance: number
  /** The start of the row in progress, or `null` before the range. */
  rowStart: number | null = null
  rowEnd = 0
  opening = 0
  sums: Sums = emptySums()
  /** Whether an event of this account has been applied (or refused). */
  seen = false
  /** Whether the rows have reached the horizon (later events are only checked). */
  done = false
  /** The account's currency at the horizon (`null` when never charged). */
  currency: string | null = null

  constructor(
    readonly accountId: string,
    from: AccountState,
    foldOptions: FoldOptions,
    private readonly period: ReportPeriod,
  ) {
    this.balance = 0
    this.fold = new AccountFold(from, foldOptions, (m) => this.record(m))
  }

  private record(m: Movement): void {
    this.balance += m.credits
    if (this.rowStart === null || this.done) return
    const sums = this.sums
    switch (m.kind) {
      case 'grant': {
        const source = m.grantSource ?? 'subscription'
        sums.granted[source] += m.credits
        if (m.charged !== null) sums.charged = sums.charged === null ? canonicalMoney(m.charged) : addMoney(sums.charged, m.charged)
        break
      }
      case 'consume':
        sums.consumed[m.source] -= m.credits
        break
      case 'expire':
        if (m.source !== 'deficit') sums.expired[m.source] -= m.credits
        break
      case 'rollover':
        // A move between buckets: neither granted nor consumed.
        break
      case 'reverse':
        sums.reversed[m.source] += m.credits
        break
      case 'void':
        if (m.source !== 'deficit') sums.voided[m.source] -= m.credits
        break
      case 'refund':
        if (m.source !== 'deficit') sums.refunded[m.source] -= m.credits
        if (m.refunded !== null) {
          sums.refundedMoney = sums.refundedMoney === null ? canonicalMoney(m.refunded) : addMoney(sums.refundedMoney, m.refunded)
        }
        break
      default: {
        const never: never = m.kind
        return never
      }
    }
  }

  /** Opens the first row, at `startMs` (the clock moved to just before it). */
  begin(startMs: number): void {
    if (this.seen) this.fold.advance(startMs - 1, formatInstant(startMs - 1))
    this.rowStart = startMs
    this.rowEnd = periodEndOf(this.period, startMs)
    this.opening = this.balance
    this.sums = emptySums()
  }

  /** Closes every row that ends at or before `boundaryMs`, advancing the clock through them. */
  closeUntil(boundaryMs: number): void {
    while (this.rowStart !== null && this.rowEnd <= boundaryMs) {
      const end = this.rowEnd
      this.fold.advance(end - 1, formatInstant(end - 1))
      const state = this.fold.peek()
      const sums = this.sums
      this.rows.push({
        accountId: this.accountId,
        periodStart: formatInstant(this.rowStart),
        periodEnd: formatInstant(end),
        opening: this.opening,
        closing: this.balance,
        granted: sums.granted,
        consumed: sums.consumed,
        expired: sums.expired,
        charged: sums.charged,
        reversed: sums.reversed,
        voided: sums.voided,
        refunded: sums.refunded,
        refundedMoney: sums.refundedMoney,
        extraLiability: extraLiabilityOf(state),
      })
      this.rowStart = end
      this.rowEnd = periodEndOf(this.period, end)
      this.opening = this.balance
      this.sums = emptySums()
    }
  }

  /** Runs the rows up to the horizon and stops recording. */
  finish(horizonMs: number, fromMs: number): void {
    if (this.done) return
    if (this.rowStart === null && this.seen && fromMs < horizonMs) this.begin(fromMs)
    this.closeUntil(horizonMs)
    this.currency = this.fold.peek().totals.charged?.currency ?? null
    this.done = true
  }
}

/**
 * Unused extra credits valued at their unit prices: credits are summed per
 * distinct price first, so dinero.js runs once per price, not per bucket.
 */
function extraLiabilityOf(state: AccountState): Money | null {
  const charged = state.totals.charged
  if (charged === null) return null
  const byPrice = new Map<string, { price: Money; credits: number }>()
  for (const bucket of state.buckets) {
    if (bucket.source !== 'extra' || bucket.unitPrice === null) continue
    const price = bucket.unitPrice
    const key = `${price.amount}/${price.scale ?? ''}`
    const lot = byPrice.get(key)
    if (lot === undefined) byPrice.set(key, { price, credits: bucket.remaining })
    else lot.credits += bucket.remaining
  }
  let total = canonicalMoney({ amount: 0, currency: charged.currency })
  for (const { price, credits } of byPrice.values()) total = addMoney(total, multiplyMoney(price, credits))
  return total
}

/** Folds events into rows, one `AccountRows` per account. */
class ReportBuilder {
  private readonly accounts = new Map<string, AccountRows>()
  private readonly parse: (input: unknown) => CreditEvent
  private latestMs = -Infinity

  constructor(
    private readonly foldOptions: FoldOptions,
    private readonly settings: Settings,
  ) {
    this.parse = eventReader(settings.trusted)
  }

  add(input: unknown): void {
    const event = this.parse(input)
    const { period, fromMs, toMs } = this.settings
    let account = this.accounts.get(event.accountId)
    if (account === undefined) {
      account = new AccountRows(event.accountId, initialState, this.foldOptions, period)
      this.accounts.set(event.accountId, account)
    }
    const atMs = parseInstant(event.at)
    // An unreadable `at` is refused by the fold, with the fold's error.
    if (!Number.isNaN(atMs) && !account.done) {
      if (toMs !== null && atMs >= toMs) {
        account.finish(toMs, fromMs)
      } else if (account.rowStart !== null && atMs < account.rowEnd) {
        // The row in progress holds the event (or the fold refuses it as out of order).
      } else if (atMs >= account.fold.clockMs) {
        if (account.rowStart === null && atMs >= fromMs) account.begin(account.seen ? fromMs : periodStartOf(period, atMs))
        account.closeUntil(periodStartOf(period, atMs))
      }
    }
    account.seen = true
    account.fold.apply(event)
    if (atMs > this.latestMs) this.latestMs = atMs
  }

  finish(): Report {
    const { period, fromMs, toMs } = this.settings
    const horizonMs = toMs ?? (this.latestMs === -Infinity ? -Infinity : periodEndOf(period, periodStartOf(period, this.latestMs)))
    const rows: ReportRow[] = []
    const totals: Record<string, MutableTotals> = {}
    for (const account of this.accounts.values()) {
      account.finish(horizonMs, fromMs)
      if (account.rows.length === 0) continue
      for (const row of account.rows) rows.push(row)
      addToTotals(totals, account.currency ?? NO_CURRENCY, account.rows)
    }
    return { rows, totals }
  }
}

interface MutableTotals {
  accounts: number
  opening: number
  closing: number
  granted: Sums['granted']
  consumed: Sums['consumed']
  expired: Sums['expired']
  charged: Money | null
  extraLiability: Money | null
  reversed: Sums['reversed']
  voided: Sums['voided']
  refunded: Sums['refunded']
  refundedMoney: Money | null
}

function addToTotals(totals: Record<string, MutableTotals>, currency: string, rows: readonly ReportRow[]): void {
  let t = totals[currency]
  if (t === undefined) {
    const sums = emptySums()
    t = { accounts: 0, opening: 0, closing: 0, ...sums, extraLiability: null }
    totals[currency] = t
  }
  t.accounts++
  t.opening += rows[0]!.opening
  t.closing += rows[rows.length - 1]!.closing
  for (const row of rows) {
    for (const key of ['subscription', 'rollover', 'extra', 'promotional'] as const) {
      t.granted[key] += row.granted[key]
      t.consumed[key] += row.consumed[key]
      t.expired[key] += row.expired[key]
    }
    t.consumed.deficit += row.consumed.deficit
    if (row.charged !== null) t.charged = t.charged === null ? row.charged : addMoney(t.charged, row.charged)
    for (const key of ['subscription', 'rollover', 'extra', 'promotional'] as const) {
      t.reversed[key] += row.reversed[key]
      t.voided[key] += row.voided[key]
      t.refunded[key] += row.refunded[key]
    }
    t.reversed.deficit += row.reversed.deficit
    if (row.refundedMoney !== null) {
      t.refundedMoney = t.refundedMoney === null ? row.refundedMoney : addMoney(t.refundedMoney, row.refundedMoney)
    }
  }
  const liability = rows[rows.length - 1]!.extraLiability
  if (liability !== null) t.extraLiability = t.extraLiability === null ? liability : addMoney(t.extraLiability, liability)
}
