/** `credit-ledger report`: one row per account and period, as a table, CSV or JSON, and a chart. */
import { writeFile } from 'node:fs/promises'
import { report, type Report, type ReportOptions } from '../../index.js'
import type { Context } from '../context.js'
import { csvColumns, csvRecord, csvRow } from '../csv.js'
import { EventSource } from '../source.js'
import { byPeriod, summaryChart, summaryTable } from '../summary.js'
import { UsageError } from '../usage.js'

/**
 * Runs `report` on the input and writes it.
 *
 * @param ctx - the command's context
 * @returns the number of rejected lines
 */
export async function runReport(ctx: Context): Promise<number> {
  const period = ctx.option('period')
  if (period !== 'month' && period !== 'day') throw new UsageError(`--period must be month or day (got ${JSON.stringify(period)})`, 'report')
  const from = ctx.option('from')
  const to = ctx.option('to')
  const options: ReportOptions = { period, ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) }
  try {
    report([], options) // the library's own check of the options, before any line is read
  } catch (error) {
    throw new UsageError((error as Error).message, 'report')
  }
  const source = new EventSource(ctx.input, { progress: ctx.progress, onReject: ctx.rejects })
  let result: Report
  if (ctx.rejects === null) {
    try {
      result = await report(source.events(), options)
    } catch (error) {
      throw source.refusal(error)
    }
  } else {
    result = await report(source.guarded(), { ...options, trusted: true })
  }
  ctx.progress.done()
  const format = ctx.option('format')
  if (format === 'json') await ctx.output.write(JSON.stringify(result, null, 2) + '\n')
  else if (format === 'csv') {
    const columns = csvColumns(result.rows[0] ?? EMPTY_ROW)
    await ctx.output.write(csvRecord(columns))
    for (const row of result.rows) await ctx.output.write(csvRow(row, columns))
  } else await ctx.output.write(summaryTable(byPeriod(result.rows, period), result))
  const chart = ctx.option('chart')
  if (chart !== undefined) await writeFile(chart, summaryChart(byPeriod(result.rows, period), period))
  return source.rejected
}

/** The shape of a row, for the CSV header of a report with no rows. */
const EMPTY_ROW = {
  accountId: '',
  periodStart: '',
  periodEnd: '',
  opening: 0,
  closing: 0,
  granted: { subscription: 0, rollover: 0, extra: 0, promotional: 0 },
  consumed: { subscription: 0, rollover: 0, extra: 0, promotional: 0, deficit: 0 },
  expired: { subscription: 0, rollover: 0, extra: 0, promotional: 0 },
  charged: null,
  extraLiability: null,
}
