/**
 * The analyst toolkit on a JSONL export (one event per line, any
 * interleaving of accounts): a monthly report in the terminal, `report.csv`
 * (one row per account and period) and `report.svg` (credits by source over
 * time, and the extra-credit liability).
 *
 *   npm run report                                  # generates examples/data/sample.jsonl, then reports it
 *   npm run report -- export.jsonl --out reports    # your export; output dir (default: the current one)
 *   npm run report -- export.jsonl --period day --from 2025-01-01T00:00Z --to 2025-04-01T00:00Z
 *   npm run report -- --generate 5000000 examples/data/big.jsonl   # only writes a big export
 *
 * The library does no I/O: this file reads the lines and writes the files.
 */
import { createReadStream } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { report, type Money, type Report, type ReportOptions, type ReportPeriod, type ReportRow } from '../src/index.js'
import { csvRecord } from './lib/csv.js'
import { decimal, majorUnits, plus } from './lib/money.js'
import { writeSample } from './lib/sample.js'
import { stackedChart } from './lib/svg.js'

interface Args {
  file: string | null
  out: string
  period: ReportPeriod
  from: string | null
  to: string | null
  generate: number | null
}

function readArgs(argv: string[]): Args {
  const args: Args = { file: null, out: '.', period: 'month', from: null, to: null, generate: null }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const value = () => {
      const v = argv[++i]
      if (v === undefined) throw new Error(`${arg} needs a value`)
      return v
    }
    if (arg === '--out') args.out = value()
    else if (arg === '--period') args.period = value() as ReportPeriod
    else if (arg === '--from') args.from = value()
    else if (arg === '--to') args.to = value()
    else if (arg === '--generate') args.generate = Number(value())
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`)
    else args.file = arg
  }
  return args
}

/** Peak of `heapUsed`, sampled while the report streams. */
let peakHeap = 0
const sampleHeap = () => {
  const used = process.memoryUsage().heapUsed
  if (used > peakHeap) peakHeap = used
}

/** The events of a JSONL file, one parsed line at a time (blank lines skipped). */
async function* readJsonLines(path: string): AsyncGenerator<unknown> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity })
  let n = 0
  for await (const line of lines) {
    n++
    if (line.trim() === '') continue
    try {
      yield JSON.parse(line)
    } catch (error) {
      throw new Error(`${path}:${n}: not JSON (${(error as Error).message})`)
    }
    if (n % 50_000 === 0) sampleHeap()
  }
  sampleHeap()
}

const SOURCES = ['subscription', 'rollover', 'extra', 'promotional'] as const
const sum = (by: object) => (Object.values(by) as number[]).reduce((s, v) => s + v, 0)

interface PeriodSummary {
  period: string
  accounts: number
  opening: number
  closing: number
  granted: number
  consumed: Record<(typeof SOURCES)[number] | 'deficit', number>
  breakage: number
  expiredExtra: number
  /** Contract v4: credits given back by reversals, promotional credits voided, extra credits refunded. */
  reversed: number
  voided: number
  refunded: number
  refundedMoney: Map<string, Money>
  /** By currency. */
  charged: Map<string, Money>
  extraLiability: Map<string, Money>
}

/** Sums the rows of each period over the accounts. */
function byPeriod(rows: readonly ReportRow[], period: ReportPeriod): PeriodSummary[] {
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
        expiredExtra: 0,
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
    p.expiredExtra += row.expired.extra + row.expired.promotional
    p.reversed += sum(row.reversed)
    p.voided += sum(row.voided)
    p.refunded += sum(row.refunded)
    for (const [target, money] of [[p.charged, row.charged], [p.extraLiability, row.extraLiability], [p.refundedMoney, row.refundedMoney]] as const) {
      if (money !== null) target.set(money.currency, plus(target.get(money.currency) ?? null, money)!)
    }
  }
  return [...map.values()].sort((a, b) => (a.period < b.period ? -1 : 1))
}

const moneyText = (by: Map<string, Money>) =>
  by.size === 0 ? '-' : [...by.values()].map((m) => `${decimal(m)} ${m.currency}`).join(' + ')

function printTable(summaries: readonly PeriodSummary[], result: Report): void {
  const header = ['period', 'accounts', 'opening', 'granted', 'reversed', 'consumed', 'deficit', 'breakage', 'voided', 'refunded', 'closing', 'charged', 'refunded money', 'extra liability']
  const lines = summaries.map((p) => [
    p.period,
    String(p.accounts),
    p.opening.toLocaleString('en-US'),
    p.granted.toLocaleString('en-US'),
    p.reversed.toLocaleString('en-US'),
    (sum(p.consumed) - p.consumed.deficit).toLocaleString('en-US'),
    p.consumed.deficit.toLocaleString('en-US'),
    p.breakage.toLocaleString('en-US'),
    p.voided.toLocaleString('en-US'),
    p.refunded.toLocaleString('en-US'),
    p.closing.toLocaleString('en-US'),
    moneyText(p.charged),
    moneyText(p.refundedMoney),
    moneyText(p.extraLiability),
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)))
  const format = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')
  console.log(format(header))
  console.log(widths.map((w) => '─'.repeat(w)).join('  '))
  for (const line of lines) console.log(format(line))
  console.log()
  for (const [currency, t] of Object.entries(result.totals)) {
    const breakage = t.expired.subscription + t.expired.rollover
    console.log(
      `${currency}: ${t.accounts} accounts, granted ${sum(t.granted).toLocaleString('en-US')}, consumed ${sum(t.consumed).toLocaleString('en-US')}` +
        ` (deficit ${t.consumed.deficit.toLocaleString('en-US')}), breakage ${breakage.toLocaleString('en-US')}, ` +
        `charged ${t.charged === null ? '-' : decimal(t.charged)}, extra liability at the end ${t.extraLiability === null ? '-' : decimal(t.extraLiability)}`,
    )
    console.log(
      `${currency}: reversed ${sum(t.reversed).toLocaleString('en-US')}, voided ${sum(t.voided).toLocaleString('en-US')}, ` +
        `refunded ${sum(t.refunded).toLocaleString('en-US')} (${t.refundedMoney === null ? '-' : decimal(t.refundedMoney)})`,
    )
  }
}

const CSV_HEADER = [
  'accountId', 'periodStart', 'periodEnd', 'opening', 'closing',
  ...SOURCES.map((s) => `granted_${s}`),
  ...SOURCES.map((s) => `consumed_${s}`), 'consumed_deficit',
  ...SOURCES.map((s) => `expired_${s}`),
  'breakage', 'currency', 'charged', 'extraLiability',
  ...SOURCES.map((s) => `reversed_${s}`), 'reversed_deficit',
  ...SOURCES.map((s) => `voided_${s}`),
  ...SOURCES.map((s) => `refunded_${s}`), 'refundedMoney',
  'conserves',
]

function toCsv(rows: readonly ReportRow[]): string {
  const out = [csvRecord(CSV_HEADER)]
  for (const r of rows) {
    out.push(
      csvRecord([
        r.accountId, r.periodStart, r.periodEnd, r.opening, r.closing,
        ...SOURCES.map((s) => r.granted[s]),
        ...SOURCES.map((s) => r.consumed[s]), r.consumed.deficit,
        ...SOURCES.map((s) => r.expired[s]),
        r.expired.subscription + r.expired.rollover,
        (r.charged ?? r.extraLiability)?.currency ?? null,
        r.charged === null ? null : decimal(r.charged),
        r.extraLiability === null ? null : decimal(r.extraLiability),
        ...SOURCES.map((s) => r.reversed[s]), r.reversed.deficit,
        ...SOURCES.map((s) => r.voided[s]),
        ...SOURCES.map((s) => r.refunded[s]),
        r.refundedMoney === null ? null : decimal(r.refundedMoney),
        conserves(r) ? 1 : 0,
      ]),
    )
  }
  return out.join('')
}

/** The row's conservation line (SPEC §9.4): opening + Σgranted + Σreversed − Σconsumed − Σexpired − Σvoided − Σrefunded = closing. */
function conserves(r: ReportRow): boolean {
  const inflow = sum(r.granted) + sum(r.reversed)
  const outflow = sum(r.consumed) + sum(r.expired) + sum(r.voided) + sum(r.refunded)
  return r.opening + inflow - outflow === r.closing
}

function toSvg(summaries: readonly PeriodSummary[]): string {
  const currencies = new Set(summaries.flatMap((p) => [...p.extraLiability.keys()]))
  const currency = currencies.size === 1 ? [...currencies][0]! : [...currencies][0] ?? ''
  return stackedChart({
    title: 'Where the credits went, by month (all accounts)',
    categories: summaries.map((p) => p.period),
    stacks: [
      { label: 'consumed: subscription', color: '#4e79a7', values: summaries.map((p) => p.consumed.subscription) },
      { label: 'consumed: rollover', color: '#76b7b2', values: summaries.map((p) => p.consumed.rollover) },
      { label: 'consumed: extra', color: '#59a14f', values: summaries.map((p) => p.consumed.extra) },
      { label: 'consumed: shortfall', color: '#e15759', values: summaries.map((p) => p.consumed.deficit) },
      { label: 'expired (breakage)', color: '#bab0ac', values: summaries.map((p) => p.breakage) },
      { label: 'voided (promotional)', color: '#b07aa1', values: summaries.map((p) => p.voided) },
      { label: 'refunded (extra)', color: '#9c755f', values: summaries.map((p) => p.refunded) },
      { label: 'reversed (given back)', color: '#edc948', values: summaries.map((p) => p.reversed) },
    ],
    leftLabel: 'credits',
    line: {
      label: `extra-credit liability (${currency}${currencies.size > 1 ? ' only' : ''})`,
      color: '#f28e2b',
      values: summaries.map((p) => majorUnits(p.extraLiability.get(currency) ?? null)),
    },
    rightLabel: `deferred revenue, ${currency}`,
  })
}

async function main(): Promise<void> {
  const args = readArgs(process.argv.slice(2))
  if (args.generate !== null) {
    const path = args.file ?? 'examples/data/big.jsonl'
    const accounts = 50
    const started = performance.now()
    const n = await writeSample(path, {
      accounts,
      eventsPerAccount: Math.ceil(args.generate / accounts),
      stretch: 1,
      staggerDays: 10,
      group: 10,
    })
    console.log(`wrote ${n.toLocaleString('en-US')} events to ${path} in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    return
  }
  let file = args.file
  if (file === null) {
    file = 'examples/data/sample.jsonl'
    // Heavy and light users: a heavy one spends its subscription and extra credits, a light one leaves breakage.
    const stretch = (i: number) => [60, 120, 240, 480][i % 4]!
    const n = await writeSample(file, {
      accounts: 8,
      stretch,
      eventsPerAccount: (i) => Math.round(1_200_000 / stretch(i)), // about 14 months each
      staggerDays: 30,
      group: 8,
      corrections: true, // promotions, voids, reversals and refunds (contract v4)
    })
    console.log(`generated ${n.toLocaleString("en-US")} events of 8 accounts into ${file}\n`)
  }
  const options: ReportOptions = {
    period: args.period,
    ...(args.from === null ? {} : { from: args.from }),
    ...(args.to === null ? {} : { to: args.to }),
  }
  sampleHeap()
  const started = performance.now()
  const result = await report(readJsonLines(file), options)
  const broken = result.rows.filter((r) => !conserves(r))
  if (broken.length > 0) throw new Error(`${broken.length} rows break the conservation line`)
  const seconds = (performance.now() - started) / 1000
  sampleHeap()
  const summaries = byPeriod(result.rows, args.period)
  printTable(summaries, result)
  await mkdir(args.out, { recursive: true })
  const csvPath = join(args.out, 'report.csv')
  const svgPath = join(args.out, 'report.svg')
  await writeFile(csvPath, toCsv(result.rows))
  await writeFile(svgPath, toSvg(summaries))
  console.log(`\n${result.rows.length.toLocaleString('en-US')} rows → ${csvPath}, chart → ${svgPath}`)
  console.log(`report took ${seconds.toFixed(2)} s; peak heapUsed ${(peakHeap / 2 ** 20).toFixed(0)} MiB`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
