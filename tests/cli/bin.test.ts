/**
 * The `credit-ledger` bin as a user runs it: the built file, in a child
 * process, on fixture files (plain, gzip, stdin, with bad lines). Its numbers
 * are compared with the library's `report`, `statement` and `replayAll` on
 * the same events.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'tsup'
import { beforeAll, describe, expect, it } from 'vitest'
import { advanceTo, balance, replayAll, report, statement } from '../../src/index.js'
import { writeSample } from '../../examples/lib/sample.js'

const ROOT = join(import.meta.dirname, '../..')
/** Built here, not in dist/, so that the test does not race a build of the package. */
const OUT = join(ROOT, 'node_modules/.cache/credit-ledger-cli-test')
const BIN = join(OUT, 'cli.js')

interface Result {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

function cli(args: readonly string[], options: { stdin?: Buffer | string; cwd?: string } = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? dir, stdio: 'pipe' })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
    child.stdin.end(options.stdin ?? '')
  })
}

let dir = ''
let lines: string[] = []
let events: unknown[] = []

beforeAll(async () => {
  // The same entry and options as tsup.config.ts, ESM only, no types.
  await build({
    config: false,
    entry: { index: 'src/index.ts', cli: 'src/cli/main.ts' },
    format: ['esm'],
    splitting: true,
    target: 'node20',
    outDir: OUT,
    clean: true,
    silent: true,
  })
  dir = await mkdtemp(join(tmpdir(), 'credit-ledger-cli-'))
  // 12 accounts over about five months (renewals, expiries, upgrades, purchases), interleaved by time.
  await writeSample(join(dir, 'events.jsonl'), { accounts: 12, eventsPerAccount: 200, stretch: 2000, staggerDays: 5, group: 12 })
  const text = await readFile(join(dir, 'events.jsonl'), 'utf8')
  await writeFile(join(dir, 'events.jsonl.gz'), gzipSync(text))
  lines = text.trimEnd().split('\n')
  events = lines.map((line) => JSON.parse(line))
}, 120_000)

describe('credit-ledger report', () => {
  it('prints the same rows and totals as the library, from a file, a .gz file and stdin', async () => {
    const expected = JSON.parse(JSON.stringify(report(events, { period: 'month' })))
    expect(expected.rows.length).toBeGreaterThan(12 * 4)
    const fromFile = await cli(['report', 'events.jsonl', '--format', 'json'])
    expect(fromFile).toMatchObject({ code: 0, stderr: '' })
    expect(JSON.parse(fromFile.stdout)).toEqual(expected)
    const fromGzip = await cli(['report', 'events.jsonl.gz', '--format', 'json'])
    expect(fromGzip.code).toBe(0)
    expect(JSON.parse(fromGzip.stdout)).toEqual(expected)
    const fromStdin = await cli(['report', '-', '--format', 'json'], { stdin: lines.join('\n') + '\n' })
    expect(fromStdin.code).toBe(0)
    expect(JSON.parse(fromStdin.stdout)).toEqual(expected)
    const gzipOnStdin = await cli(['report', '--format', 'json'], { stdin: gzipSync(lines.join('\n')) })
    expect(JSON.parse(gzipOnStdin.stdout)).toEqual(expected)
  })

  it('takes --period, --from and --to as the library does', async () => {
    const options = { period: 'day', from: '2025-02-01T00:00:00Z', to: '2025-03-01T00:00:00Z' } as const
    const expected = JSON.parse(JSON.stringify(report(events, options)))
    const result = await cli(['report', 'events.jsonl', '--period', 'day', '--from', options.from, '--to', options.to, '--format', 'json'])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual(expected)
    expect(expected.rows.length).toBeGreaterThan(100)
    expect(expected.rows.every((r: { periodStart: string }) => r.periodStart >= '2025-02-01' && r.periodStart < '2025-03-01')).toBe(true)
  })

  it('writes RFC 4180 CSV: dotted columns, money in major units with a currency column', async () => {
    const expected = report(events, { period: 'month' })
    const result = await cli(['report', 'events.jsonl', '--format', 'csv', '--out', 'report.csv'])
    expect(result).toMatchObject({ code: 0, stdout: '' })
    const csv = await readFile(join(dir, 'report.csv'), 'utf8')
    const records = csv.split('\r\n')
    expect(records.pop()).toBe('')
    const header = records[0]!.split(',')
    expect(header.slice(0, 7)).toEqual(['accountId', 'periodStart', 'periodEnd', 'opening', 'closing', 'granted.subscription', 'granted.rollover'])
    expect(header.at(-1)).toBe('currency')
    expect(records).toHaveLength(expected.rows.length + 1)
    const row = expected.rows.find((r) => r.charged !== null && r.charged.amount % 100 !== 0)!
    const record = records[expected.rows.indexOf(row) + 1]!.split(',')
    const field = (name: string) => record[header.indexOf(name)]
    expect(field('consumed.deficit')).toBe(String(row.consumed.deficit))
    expect(field('expired.subscription')).toBe(String(row.expired.subscription))
    expect(field('charged')).toBe((row.charged!.amount / 100).toFixed(2))
    expect(field('currency')).toBe('USD')
  })

  it('prints a table summed by period, and draws the chart with --chart', async () => {
    const result = await cli(['report', 'events.jsonl', '--chart', 'chart.svg'])
    expect(result.code).toBe(0)
    const expected = report(events, { period: 'month' })
    const months = new Set(expected.rows.map((r) => r.periodStart.slice(0, 7)))
    for (const month of months) expect(result.stdout).toMatch(new RegExp(`^${month} `, 'm'))
    const granted = Object.values(expected.totals.USD!.granted).reduce((s, v) => s + v, 0)
    expect(result.stdout).toContain(`USD: 12 accounts, granted ${granted.toLocaleString('en-US')}`)
    const svg = await readFile(join(dir, 'chart.svg'), 'utf8')
    expect(svg).toMatch(/^<svg [^]*<\/svg>\n$/)
    expect(svg).toContain([...months][0])
  })
})

describe('credit-ledger statement', () => {
  it('prints the library statement as JSON Lines, and one account with --account', async () => {
    const expected = [...statement(events)].map((e) => JSON.stringify(e))
    const all = await cli(['statement', 'events.jsonl.gz', '--format', 'jsonl'])
    expect(all.code).toBe(0)
    expect(all.stdout.trimEnd().split('\n')).toEqual(expected)
    const one = await cli(['statement', 'events.jsonl', '--format', 'jsonl', '--account', 'acct-003'])
    const mine = expected.filter((line) => JSON.parse(line).accountId === 'acct-003')
    expect(one.stdout.trimEnd().split('\n')).toEqual(mine)
  })

  it('prints CSV by default, one record per entry', async () => {
    const expected = [...statement(events)]
    const result = await cli(['statement', 'events.jsonl'])
    const records = result.stdout.split('\r\n').slice(0, -1)
    expect(records[0]).toBe('at,eventId,accountId,kind,source,bucketId,credits,balanceAfter,charged,currency')
    expect(records).toHaveLength(expected.length + 1)
    const last = expected.at(-1)!
    expect(records.at(-1)!.split(',').slice(0, 8)).toEqual(
      [last.at, last.eventId ?? '', last.accountId, last.kind, last.source, last.bucketId ?? '', last.credits, last.balanceAfter].map(String),
    )
  })
})

describe('credit-ledger balances', () => {
  it('prints every balance as of the latest event, and as of --at (events at exactly --at included)', async () => {
    const latest = events.map((e) => (e as { at: string }).at).sort().at(-1)!
    const balancesAt = (at: string, upTo: unknown[]) =>
      [...replayAll(upTo)].map(([accountId, state]) => ({ accountId, at, ...balance(advanceTo(state, at)) }))
    const result = await cli(['balances', 'events.jsonl', '--format', 'json'])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual(balancesAt(latest, events))
    const at = (events[1000] as { at: string }).at
    const upTo = events.filter((e) => Date.parse((e as { at: string }).at) <= Date.parse(at))
    expect(upTo.length).toBeGreaterThan(1000)
    const asOf = await cli(['balances', 'events.jsonl', '--format', 'json', '--at', at])
    expect(JSON.parse(asOf.stdout)).toEqual(balancesAt(at, upTo))
    const table = await cli(['balances', 'events.jsonl', '--at', at])
    const total = balancesAt(at, upTo).reduce((s, b) => s + b.available, 0)
    expect(table.stdout).toMatch(new RegExp(`^12 accounts +${total.toLocaleString('en-US')} `, 'm'))
  })
})

describe('bad lines', () => {
  /** Line 4 is not JSON, line 5 repeats line 3 (a duplicate), line 10 goes back in time. */
  async function badFile(): Promise<{ good: unknown[] }> {
    const earlier = { ...(JSON.parse(lines[1]!) as object), id: 'late', at: '2024-12-01T00:00:00.000Z' }
    const out = [...lines.slice(0, 3), '{"type": "Subscr', lines[2]!, ...lines.slice(3, 7), JSON.stringify(earlier), ...lines.slice(7)]
    await writeFile(join(dir, 'bad.jsonl'), out.join('\n') + '\n')
    return { good: events }
  }

  it('stop the run at the first one, naming its line, with exit code 1', async () => {
    await badFile()
    const result = await cli(['report', 'bad.jsonl'])
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(/^line 4: INVALID_JSON not JSON/)
    await writeFile(join(dir, 'dup.jsonl'), [...lines.slice(0, 3), lines[2]!, ...lines.slice(3)].join('\n'))
    const dup = await cli(['balances', 'dup.jsonl'])
    expect(dup.code).toBe(1)
    expect(dup.stderr).toMatch(/^line 4: DUPLICATE_EVENT event "acct-\d+-\d+"/)
    const stmt = await cli(['statement', 'dup.jsonl'])
    expect(stmt.code).toBe(1)
    expect(stmt.stderr).toMatch(/^line 4: DUPLICATE_EVENT/)
  })

  it('go to --rejects, and the run completes on the others with exit code 2', async () => {
    const { good } = await badFile()
    const result = await cli(['report', 'bad.jsonl', '--format', 'json', '--rejects', 'rejects.jsonl'])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe('credit-ledger: completed with 3 rejected lines, written to rejects.jsonl\n')
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(JSON.stringify(report(good, { period: 'month' }))))
    const rejects = (await readFile(join(dir, 'rejects.jsonl'), 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l))
    expect(rejects.map((r) => [r.line, r.code])).toEqual([
      [4, 'INVALID_JSON'],
      [5, 'DUPLICATE_EVENT'],
      [10, 'OUT_OF_ORDER'],
    ])
    expect(rejects[1].input).toBe(lines[2])
    expect(rejects[1].message).toContain(JSON.parse(lines[2]!).id)
    const stmt = await cli(['statement', 'bad.jsonl', '--format', 'jsonl', '--rejects', 'rejects2.jsonl'])
    expect(stmt.code).toBe(2)
    expect(stmt.stdout.trimEnd().split('\n')).toEqual([...statement(good)].map((e) => JSON.stringify(e)))
  })

  it('are all listed by validate (up to --max-errors), which exits 1', async () => {
    await badFile()
    const result = await cli(['validate', 'bad.jsonl'])
    expect(result.code).toBe(1)
    expect(result.stderr.trimEnd().split('\n').map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual([
      'line 4: INVALID_JSON',
      'line 5: DUPLICATE_EVENT',
      'line 10: OUT_OF_ORDER',
    ])
    expect(result.stdout).toBe(`${events.length.toLocaleString('en-US')} events of 12 accounts accepted, 3 lines refused\n`)
    const capped = await cli(['validate', 'bad.jsonl', '--max-errors', '2'])
    expect(capped.code).toBe(1)
    expect(capped.stderr).toMatch(/line 5: DUPLICATE_EVENT[^]*stopped after 2 refused lines/)
    const clean = await cli(['validate', 'events.jsonl.gz'])
    expect(clean).toEqual({ code: 0, stdout: `${events.length.toLocaleString('en-US')} events of 12 accounts accepted, 0 lines refused\n`, stderr: '' })
  })
})

describe('progress', () => {
  it('is silent when stderr is piped', async () => {
    const result = await cli(['validate', 'events.jsonl'])
    expect(result.stderr).toBe('')
  })

  it.runIf(existsSync('/usr/bin/script'))('is drawn on stderr when it is a terminal (util-linux script gives it one)', async () => {
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} validate events.jsonl`
    const result = await new Promise<Result>((resolve, reject) => {
      const child = spawn('/usr/bin/script', ['-qec', command, '/dev/null'], { cwd: dir })
      let stdout = ''
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
      child.on('error', reject)
      child.on('close', (code) => resolve({ code, stdout, stderr: '' }))
    })
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/\r\x1b\[2K1,024 lines · [\d,]+ events\/s · \d+% · \d+ s left/)
    expect(result.stdout).toContain('events of 12 accounts accepted')
  })
})

describe('usage', () => {
  it('prints --help for every command, with the exit codes, and exits 0', async () => {
    for (const command of [[], ['report'], ['statement'], ['balances'], ['validate']]) {
      const result = await cli([...command, '--help'])
      expect(result.code).toBe(0)
      expect(result.stdout).toContain('64  bad usage')
      if (command.length > 0) expect(result.stdout).toContain(`Usage: credit-ledger ${command[0]} <file|->`)
    }
  })

  it('exits 64 on bad usage, naming what is wrong', async () => {
    for (const [args, message] of [
      [[], 'missing command'],
      [['reprot', 'x'], 'unknown command "reprot"'],
      [['report', 'events.jsonl', '--perod', 'day'], "Unknown option '--perod'"],
      [['report', 'events.jsonl', '--period', 'week'], '--period must be month or day'],
      [['report', 'events.jsonl', '--from', '2025-01-01'], 'from must be an ISO-8601 timestamp'],
      [['statement', 'events.jsonl', '--format', 'table'], '--format must be one of csv, jsonl'],
      [['balances', 'events.jsonl', '--at', 'yesterday'], '--at:'],
      [['validate', 'events.jsonl', '--max-errors', '0'], '--max-errors must be'],
      [['report', 'a.jsonl', 'b.jsonl'], 'one input at a time'],
    ] as const) {
      const result = await cli(args)
      expect(result.code, args.join(' ')).toBe(64)
      expect(result.stderr).toContain(message)
      expect(result.stdout).toBe('')
    }
  })

  it('exits 1 when the input cannot be read', async () => {
    const result = await cli(['report', 'missing.jsonl'])
    expect(result).toMatchObject({ code: 1, stdout: '' })
    expect(result.stderr).toContain('cannot read missing.jsonl')
    const directory = await cli(['report', '.'])
    expect(directory).toMatchObject({ code: 1, stdout: '' })
    expect(directory.stderr).toContain('cannot read .: EISDIR')
  })
})
