/** `credit-ledger balances`: every account's balance by source as of an instant. */
import { advanceTo, balance, initialState, replayAll, type AccountState, type Balance } from '../../index.js'
import type { Context } from '../context.js'
import { csvColumns, csvRecord, csvRow } from '../csv.js'
import { EventSource } from '../source.js'
import { UsageError } from '../usage.js'

/** One account's balance as of `at`: a line of the output. */
export interface BalanceRow extends Balance {
  readonly accountId: string
  readonly at: string
}

/**
 * Folds every account up to `--at` (events at exactly that instant
 * included), moves each clock to it, and writes the balances.
 *
 * @param ctx - the command's context
 * @returns the number of rejected lines
 */
export async function runBalances(ctx: Context): Promise<number> {
  const atOption = ctx.option('at')
  let atMs: number | null = null
  if (atOption !== undefined) {
    try {
      atMs = Date.parse(advanceTo(initialState, atOption).clock!) // the library's reading of an instant
    } catch (error) {
      throw new UsageError(`--at: ${(error as Error).message}`, 'balances')
    }
  }
  const keep =
    atMs === null
      ? undefined
      : (event: unknown) => {
          const at = (event as { at?: unknown } | null)?.at
          const ms = typeof at === 'string' ? Date.parse(at) : Number.NaN
          return !(ms > atMs!) // a line with no readable `at` goes on, for the fold to refuse
        }
  const source = new EventSource(ctx.input, { progress: ctx.progress, onReject: ctx.rejects, ...(keep === undefined ? {} : { keep }) })
  let states: Map<string, AccountState>
  if (ctx.rejects === null) {
    try {
      states = await replayAll(source.events())
    } catch (error) {
      throw source.refusal(error)
    }
  } else {
    for await (const _ of source.guarded());
    states = source.states
  }
  ctx.progress.done()
  // Default: the latest `at` of the input, as the library read it (each account's clock is its last event's `at`).
  let ms = atMs ?? Number.NEGATIVE_INFINITY
  if (atMs === null) for (const state of states.values()) if (state.clock !== null) ms = Math.max(ms, Date.parse(state.clock))
  const at = Number.isFinite(ms) ? new Date(ms).toISOString() : null
  const rows: BalanceRow[] = []
  if (at !== null) for (const [accountId, state] of states) rows.push({ accountId, at, ...balance(advanceTo(state, at)) })
  await write(ctx, rows)
  return source.rejected
}

async function write(ctx: Context, rows: readonly BalanceRow[]): Promise<void> {
  const format = ctx.option('format')
  if (format === 'json') return ctx.output.write(JSON.stringify(rows, null, 2) + '\n')
  if (format === 'csv') {
    const columns = csvColumns(rows[0] ?? EMPTY_ROW, false) // balances are credits: no money, no currency
    await ctx.output.write(csvRecord(columns))
    for (const row of rows) await ctx.output.write(csvRow(row, columns))
    return
  }
  const header = ['account', 'available', 'deficit', 'subscription', 'rollover', 'extra', 'promotional']
  const total = (pick: (row: BalanceRow) => number) => rows.reduce((s, r) => s + pick(r), 0)
  const picks: ((row: BalanceRow) => number)[] = [
    (r) => r.available,
    (r) => r.deficit,
    (r) => r.bySource.subscription,
    (r) => r.bySource.rollover,
    (r) => r.bySource.extra,
    (r) => r.bySource.promotional,
  ]
  const n = (v: number) => v.toLocaleString('en-US')
  const lines = rows.map((r) => [r.accountId, ...picks.map((p) => n(p(r)))])
  const totals = [`${rows.length} accounts`, ...picks.map((p) => n(total(p)))]
  const widths = header.map((h, i) => Math.max(h.length, totals[i]!.length, ...lines.map((l) => l[i]!.length)))
  const format_ = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')
  const rule = widths.map((w) => '─'.repeat(w)).join('  ')
  const title = `balances as of ${rows[0]?.at ?? '-'}`
  await ctx.output.write([title, '', format_(header), rule, ...lines.map(format_), rule, format_(totals), ''].join('\n'))
}

const EMPTY_ROW: BalanceRow = {
  accountId: '',
  at: '',
  available: 0,
  deficit: 0,
  bySource: { subscription: 0, rollover: 0, extra: 0, promotional: 0 },
}
