/** `credit-ledger statement`: every movement of credits, as CSV or JSON Lines. */
import { statement, type StatementEntry } from '../../index.js'
import type { Context } from '../context.js'
import { csvColumns, csvRecord, csvRow } from '../csv.js'
import { EventSource } from '../source.js'

/**
 * Runs `statement` on the input and writes its entries as they come.
 *
 * @param ctx - the command's context
 * @returns the number of rejected lines
 */
export async function runStatement(ctx: Context): Promise<number> {
  const account = ctx.option('account')
  const keep = account === undefined ? undefined : (event: unknown) => (event as { accountId?: unknown } | null)?.accountId === account
  const source = new EventSource(ctx.input, { progress: ctx.progress, onReject: ctx.rejects, ...(keep === undefined ? {} : { keep }) })
  const entries =
    ctx.rejects === null ? statement(source.events()) : statement(source.guarded(), { trusted: true })
  const csv = ctx.option('format') === 'csv'
  let columns: string[] | null = null
  const header = async (entry: StatementEntry) => {
    columns = csvColumns(entry)
    await ctx.output.write(csvRecord(columns))
  }
  try {
    for await (const entry of entries) {
      if (!csv) await ctx.output.write(JSON.stringify(entry) + '\n')
      else {
        if (columns === null) await header(entry)
        await ctx.output.write(csvRow(entry, columns!))
      }
    }
  } catch (error) {
    throw ctx.rejects === null ? source.refusal(error) : error
  }
  if (csv && columns === null) await header(EMPTY_ENTRY)
  ctx.progress.done()
  return source.rejected
}

/** The shape of an entry, for the CSV header of an empty statement. */
const EMPTY_ENTRY: StatementEntry = {
  at: '',
  eventId: null,
  accountId: '',
  kind: 'grant',
  source: 'subscription',
  bucketId: null,
  credits: 0,
  balanceAfter: 0,
  charged: null,
}
