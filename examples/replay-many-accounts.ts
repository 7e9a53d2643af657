/**
 * Many accounts from a JSON Lines export, replayed as a stream.
 *
 *   npm run example:accounts [-- <file.jsonl>] [--accounts 2000] [--events 200000]
 *
 * Without a file it first writes a sample export of many interleaved
 * accounts into examples/data/accounts.jsonl (a line per event, in time
 * order, as an export from an event store would be). Then it streams the
 * file line by line into `replayAll`, which validates each event and keeps
 * one state per account (memory grows with accounts, not with events), and
 * prints a table of balances.
 */
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs'
import { once } from 'node:events'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { balance, replayAll, type CreditEvent } from '../src/index.js'
import { generateAccount } from '../bench/generate.js'

const args = process.argv.slice(2)
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? Number(args[i + 1]) : fallback
}
const given = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'))

/** Writes `accounts` histories of about `events / accounts` events each, merged in time order. */
async function writeSample(file: string, accounts: number, events: number): Promise<void> {
  mkdirSync(dirname(file), { recursive: true })
  const perAccount = Math.max(2, Math.floor(events / accounts))
  const histories: CreditEvent[][] = []
  for (let a = 0; a < accounts; a++) {
    // Accounts start on different days, so the export interleaves them.
    histories.push(generateAccount(`acct-${String(a).padStart(5, '0')}`, perAccount, a + 1, Date.UTC(2024, 0, 1) + a * 3_600_000))
  }
  const merged = histories.flat().sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0))
  const out = createWriteStream(file)
  for (const event of merged) if (!out.write(JSON.stringify(event) + '\n')) await once(out, 'drain')
  out.end()
  await once(out, 'finish')
}

/** The lines of a file as parsed JSON values, one at a time. */
async function* jsonLines(file: string): AsyncGenerator<unknown> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity })
  for await (const line of lines) if (line.trim() !== '') yield JSON.parse(line)
}

const file = given ?? join(dirname(fileURLToPath(import.meta.url)), 'data', 'accounts.jsonl')
if (given === undefined) {
  const accounts = option('accounts', 2_000)
  const events = option('events', 200_000)
  console.log(`Writing a sample export of ${events.toLocaleString('en')} events over ${accounts.toLocaleString('en')} accounts to ${file}`)
  await writeSample(file, accounts, events)
}

let count = 0
async function* counted(source: AsyncIterable<unknown>): AsyncGenerator<unknown> {
  for await (const value of source) {
    count++
    yield value
  }
}

const started = performance.now()
const states = await replayAll(counted(jsonLines(file)))
const seconds = (performance.now() - started) / 1000

const rows = [...states.values()].map((state) => ({ state, b: balance(state) }))
rows.sort((x, y) => y.b.available - x.b.available)
const pad = (v: string | number, w: number) => String(v).padStart(w)
console.log(`\nReplayed ${count.toLocaleString('en')} events of ${states.size.toLocaleString('en')} accounts in ${seconds.toFixed(2)} s (${Math.round(count / seconds).toLocaleString('en')} events/s, parsing and validation included)\n`)
console.log(['account', 'plan', 'clock', 'subscr.', 'extra', 'available', 'deficit', 'charged'].map((h, i) => (i < 3 ? h.padEnd(i === 2 ? 25 : 12) : pad(h, 10))).join(' '))
const show = (x: (typeof rows)[number]) =>
  [
    (x.state.accountId ?? '').padEnd(12),
    (x.state.subscription?.plan.id ?? '-').padEnd(12),
    (x.state.clock ?? '').padEnd(25),
    pad(x.b.bySource.subscription + x.b.bySource.rollover, 10),
    pad(x.b.bySource.extra, 10),
    pad(x.b.available, 10),
    pad(x.b.deficit, 10),
    pad(x.state.totals.charged === null ? '-' : `$${(x.state.totals.charged.amount / 100).toFixed(2)}`, 10),
  ].join(' ')
for (const x of rows.slice(0, 8)) console.log(show(x))
if (rows.length > 10) console.log('…'.padEnd(12), `(${rows.length - 10} more)`)
for (const x of rows.slice(Math.max(8, rows.length - 2))) console.log(show(x))

const total = rows.reduce((t, x) => ({ available: t.available + x.b.available, deficit: t.deficit + x.b.deficit }), { available: 0, deficit: 0 })
console.log(`\nAll accounts: ${total.available.toLocaleString('en')} credits available, ${total.deficit.toLocaleString('en')} in deficit`)
