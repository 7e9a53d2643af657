/**
 * The analyst toolkit on a JSONL export (one event per line, any
 * interleaving of accounts), through the `credit-ledger` command line (its
 * code is src/cli/; installed, it is `npx credit-ledger report …`): a
 * monthly table in the terminal, `report.csv` (one row per account and
 * period) and `report.svg` (credits by source over time, and the
 * extra-credit liability).
 *
 *   npm run report                                  # generates examples/data/sample.jsonl, then reports it
 *   npm run report -- export.jsonl --out reports    # your export; output dir (default: the current one)
 *   npm run report -- export.jsonl --period day --from 2025-01-01T00:00Z --to 2025-04-01T00:00Z
 *   npm run report -- --generate 5000000 examples/data/big.jsonl   # only writes a big export
 *
 * The library does no I/O: the command line reads the lines and writes the files.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { run } from '../src/cli/run.js'
import { writeSample } from './lib/sample.js'

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: {
      out: { type: 'string', default: '.' },
      period: { type: 'string', default: 'month' },
      from: { type: 'string' },
      to: { type: 'string' },
      generate: { type: 'string' },
    },
    allowPositionals: true,
  })
  if (values.generate !== undefined) {
    const path = positionals[0] ?? 'examples/data/big.jsonl'
    const accounts = 50
    const started = performance.now()
    const n = await writeSample(path, {
      accounts,
      eventsPerAccount: Math.ceil(Number(values.generate) / accounts),
      stretch: 1,
      staggerDays: 10,
      group: 10,
    })
    console.log(`wrote ${n.toLocaleString('en-US')} events to ${path} in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    return 0
  }
  let file = positionals[0]
  if (file === undefined) {
    file = 'examples/data/sample.jsonl'
    // Heavy and light users: a heavy one spends its subscription and extra credits, a light one leaves breakage;
    // with promotional grants and voids, reversals and refunds mixed in (contract v4).
    const stretch = (i: number) => [60, 120, 240, 480][i % 4]!
    const n = await writeSample(file, {
      accounts: 8,
      stretch,
      eventsPerAccount: (i) => Math.round(1_200_000 / stretch(i)), // about 14 months each
      staggerDays: 30,
      group: 8,
      corrections: true,
    })
    console.log(`generated ${n.toLocaleString('en-US')} events of 8 accounts into ${file}\n`)
  }
  await mkdir(values.out, { recursive: true })
  const csvPath = join(values.out, 'report.csv')
  const svgPath = join(values.out, 'report.svg')
  const range = [
    ...['--period', values.period],
    ...(values.from === undefined ? [] : ['--from', values.from]),
    ...(values.to === undefined ? [] : ['--to', values.to]),
  ]
  console.log(`$ credit-ledger report ${file} ${range.join(' ')} --chart ${svgPath}`)
  const table = await run(['report', file, ...range, '--chart', svgPath], process)
  if (table !== 0) return table
  console.log(`\n$ credit-ledger report ${file} ${range.join(' ')} --format csv --out ${csvPath}`)
  const csv = await run(['report', file, ...range, '--format', 'csv', '--out', csvPath], process)
  if (csv === 0) console.log(`rows → ${csvPath}, chart → ${svgPath}`)
  return csv
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error)
    process.exitCode = 1
  },
)
