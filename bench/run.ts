/**
 * `npm run bench` — the performance of credit-ledger, measured against a
 * hand-written mutable fold of the same rules (bench/reference-fold.ts, the
 * "speed limit"), in the same run.
 *
 *   npm run bench                  full size (N = 1,000,000 events)
 *   npm run bench -- --quick       N = 20,000 (seconds; for CI, so the bench does not rot)
 *   BENCH_N=200000 npm run bench   any size
 *   BENCH_ROUNDS=5                 timed A/B rounds per row (default: 5 for the rows with a target, 3 for the rest at full size)
 *   BENCH_ONLY=evolve,flat         only some sections, in this process: replay, accounts, worst, evolve, flat
 *   BENCH_BUILD=always|never       rebuild dist/ every time, or never (default: when it is older than src/)
 *   BENCH_KEY_ONLY=1               only the rows with a target and the floor (a second look at the noise, in minutes)
 *
 * Nothing timed runs through tsx: bench/prepare.ts builds dist/ when it is
 * stale and compiles this file, with the reference fold, to plain JavaScript
 * (bench/.compiled/run.mjs), which `npm run bench` then runs with
 * `node --expose-gc`. The library is the package as users import it: its
 * name, which resolves to dist/index.js (bench/library.ts).
 *
 * Every row alternates A/B rounds of the library and the reference in one
 * process and keeps the median of the per-pair ratios, with their spread.
 *
 * Without BENCH_ONLY, each section runs in a fresh Node process of its own
 * (same flags), which hands its rows back as JSON: a row measured in the
 * process of an earlier million-event section pays for the heap and the JIT
 * state that section left behind (the reference's rows too).
 */
import { execFileSync } from 'node:child_process'
import { statSync } from 'node:fs'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import type { AccountState, CreditEvent } from '../src/index.js'
import { generateAccount } from './generate.js'
import { fmt, fmtInt, hasGc, HeapProbe, median, table, timeOnce, timePair, type Ratio } from './harness.js'
import { importPackage } from './library.js'
import { epochTimes, floorReplay, ReferenceFold, referenceReplay, referenceReplayAll } from './reference-fold.js'

const { lib, url: libraryUrl } = await importPackage()
const { replay, replayAll, evolve, advanceTo, parseEvent } = lib
const optional = lib as unknown as Record<string, unknown>
type Fn = (...args: unknown[]) => unknown
const decide = typeof optional.decide === 'function' ? (optional.decide as Fn) : null
const statement = typeof optional.statement === 'function' ? (optional.statement as Fn) : null
const report = typeof optional.report === 'function' ? (optional.report as Fn) : null

const quick = process.argv.includes('--quick')
const N = Number(process.env.BENCH_N ?? (quick ? 20_000 : 1_000_000))
if (!Number.isSafeInteger(N) || N < 1_000) throw new Error(`BENCH_N must be an integer ≥ 1000 (got ${process.env.BENCH_N})`)
const full = N >= 500_000
const SECTIONS = ['replay', 'accounts', 'worst', 'evolve', 'flat']
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim())
const unknown = only?.filter((s) => !SECTIONS.includes(s)) ?? []
if (unknown.length > 0) throw new Error(`BENCH_ONLY: unknown section ${unknown.join(', ')} (sections: ${SECTIONS.join(', ')})`)

/** Without BENCH_ONLY, this process runs no section itself: it starts one process per section. */
const parent = only === undefined
/** A process started by the parent, which prints its rows as JSON. */
const child = process.env.BENCH_CHILD === '1'

/**
 * Runs a section (if BENCH_ONLY names it) in a function of its own, so that
 * its inputs are garbage once it returns: a block at the top level of a
 * module keeps them alive.
 */
function section(name: string, body: () => void): void {
  if (only?.includes(name)) body()
}
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (full ? 3 : 5))
/** Rows with a target (and the floor) get at least 5 A/B pairs, so their spread means something. */
const KEY_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const keyOnly = process.env.BENCH_KEY_ONLY === '1'
const WARMUP = full ? 1 : 3
/**
 * Rows of many short calls (evolve, decide) warm up for at least 3,000
 * calls, so the JIT has compiled them, and keep the median of more rounds,
 * timed without a forced GC between them (see `timePair`).
 */
const warmupFor = (calls: number) => Math.max(WARMUP, Math.ceil(3_000 / calls))
const SHORT_ROUNDS = Math.max(ROUNDS, 7)
const T0 = Date.UTC(2020, 0, 1)
const DAY = 86_400_000
const iso = (ms: number) => new Date(ms).toISOString()
const USD125 = { amount: 125, currency: 'USD' }

/** What the issue asks of a row: a ratio to the limit at most `max`, or fewer than `max` µs per call. */
type Target = { ratio: number } | { us: number }

interface Row {
  name: string
  events: number
  libNs: number
  /** Fastest and slowest timed round of the library, ns per call. */
  libRange: [number, number]
  /** Median CPU time of a round of the library, ns. */
  libCpuNs: number
  refNs: number | null
  /** The median of the per-pair ratios library ÷ reference, with their spread (wall-clock time). */
  ratio: Ratio | null
  /** The same, in CPU time (user + system) of the process. */
  cpuRatio: Ratio | null
  pairs: number
  peak: number | null
  target?: Target
  note?: string
}
const rows: Row[] = []
const todo: string[] = []

function log(msg: string): void {
  process.stderr.write(`[bench] ${msg}\n`)
}

function* lazyMap<T, U>(items: Iterable<T>, f: (t: T) => U): Generator<U> {
  for (const t of items) yield f(t)
}

interface RowOptions {
  note?: string
  /** A row of many short calls (evolve, decide): more rounds, more warm-up, no forced GC. */
  short?: { calls: number }
  target?: Target
  /** More A/B pairs than the default (rows with a target, the floor). */
  key?: boolean
}

/** Times a row in alternating A/B rounds, measures its heap in a separate round, records it. */
function row(
  name: string,
  events: number,
  libFn: () => unknown,
  refFn: (() => unknown) | null,
  memory: ((probe: HeapProbe) => unknown) | null,
  options: RowOptions = {},
): void {
  const { note, short, target, key } = options
  if (keyOnly && !key && !target) return
  log(`${name} …`)
  const rounds = short ? SHORT_ROUNDS : key ? Math.max(ROUNDS, KEY_ROUNDS) : ROUNDS
  const { lib: l, ref: r, ratio, cpuRatio } = short
    ? timePair(libFn, refFn, rounds, warmupFor(short.calls), false)
    : timePair(libFn, refFn, rounds, WARMUP)
  let peak: number | null = null
  if (memory) {
    const probe = new HeapProbe()
    probe.start()
    memory(probe)
    peak = probe.peak()
  }
  rows.push({
    name,
    events,
    libNs: l.ns,
    libRange: [Math.min(...l.all), Math.max(...l.all)],
    libCpuNs: l.cpuNs,
    refNs: r?.ns ?? null,
    ratio,
    cpuRatio,
    pairs: rounds,
    peak,
    ...(target ? { target } : {}),
    ...(note ? { note } : {}),
  })
  log(`  ${fmt(l.ns / events)} ns/event${r ? `, reference ${fmt(r.ns / events)} ns/event` : ''}${ratio ? `, ratio ${spread(ratio)}, CPU ${spread(cpuRatio!)}` : ''}`)
}

/** "1.23× (1.10–1.41)": the median per-pair ratio and its min–max. */
function spread(r: Ratio): string {
  return `${fmt(r.median, 2)}× (${fmt(r.min, 2)}–${fmt(r.max, 2)})`
}

/** A stack of fresh reference folds (the reference is mutable), one per timed call. */
function refPool(make: () => ReferenceFold, count: number): () => ReferenceFold {
  const pool = Array.from({ length: count }, make)
  return () => pool.pop() ?? make()
}

// ── 1. one account: replay, parse + replay ──────────────────────────────

section('replay', () => {
  log(`generating ${fmtInt(N)} events of one account …`)
  const events = generateAccount('acc-1', N, 1, T0)
  row(
    `replay, 1 account`,
    N,
    () => replay(events),
    () => referenceReplay(events),
    (p) => replay(p.wrap(events)),
    { key: true, target: { ratio: 1.25 } },
  )
  const times = epochTimes(events)
  row(
    `replay vs the floor`,
    N,
    () => replay(events),
    () => floorReplay(events, times),
    null,
    { key: true, note: 'the floor: the reference fold over epoch ms parsed beforehand, with no idempotency window (no ISO parsing, no duplicate check, no ids kept)' },
  )
  const lines = events.map((e) => JSON.stringify(e))
  row(
    `JSON.parse + parseEvent + replay`,
    N,
    () => replay(lazyMap(lines, (l) => parseEvent(JSON.parse(l)))),
    () => referenceReplay(lazyMap(lines, (l) => JSON.parse(l) as CreditEvent)),
    (p) => replay(p.wrap(lazyMap(lines, (l) => parseEvent(JSON.parse(l))))),
    { key: true, target: { ratio: 1.5 }, note: 'reference: JSON.parse + fold, no validation (the parse limit)' },
  )
  row(
    `  of which JSON.parse + parseEvent`,
    N,
    () => {
      let n = 0
      for (const l of lines) if (parseEvent(JSON.parse(l)).id !== '') n++
      return n
    },
    () => {
      let n = 0
      for (const l of lines) if ((JSON.parse(l) as CreditEvent).id !== '') n++
      return n
    },
    null,
    { note: 'reference: JSON.parse alone' },
  )
})

// ── 2. many accounts, interleaved by time ───────────────────────────────

section('accounts', () => {
  const accounts = Math.max(1, Math.min(10_000, Math.floor(N / 100)))
  const per = Math.floor(N / accounts)
  log(`generating ${fmtInt(accounts)} accounts × ${fmtInt(per)} events, interleaved …`)
  let all: CreditEvent[] = []
  for (let i = 0; i < accounts; i++) for (const e of generateAccount(`acc-${i}`, per, 1000 + i, T0 + (i % 600) * 1000)) all.push(e)
  const keyed = all.map((e, i) => ({ e, i }))
  keyed.sort((a, b) => (a.e.at < b.e.at ? -1 : a.e.at > b.e.at ? 1 : a.i - b.i))
  all = keyed.map((k) => k.e)
  const M = all.length
  const label = `${fmtInt(accounts)} accounts`
  row(
    `replayAll, ${label}, trusted`,
    M,
    () => replayAll(all, { trusted: true }),
    () => referenceReplayAll(all),
    (p) => replayAll(p.wrap(all), { trusted: true }),
    { key: true, target: { ratio: 1.25 } },
  )
  row(
    `replayAll, ${label}, validated`,
    M,
    () => replayAll(all),
    () => referenceReplayAll(all),
    (p) => replayAll(p.wrap(all)),
    { note: 'validates every event (parseEvent); reference does not' },
  )
  if (statement) {
    const drain = (it: unknown) => {
      let n = 0
      for (const _ of it as Iterable<unknown>) n++
      return n
    }
    row(
      `statement, ${label}`,
      M,
      () => drain(statement(all)),
      () => referenceReplayAll(all),
      (p) => drain(statement(p.wrap(all))),
      { note: 'validated; every movement drained' },
    )
  } else todo.push('statement, 1M events: TODO (statement is not exported from src/index.ts yet)')
  if (report) {
    row(
      `report (month), ${label}`,
      M,
      () => report(all, { period: 'month' }),
      () => referenceReplayAll(all),
      (p) => report(p.wrap(all), { period: 'month' }),
      { note: 'validated' },
    )
  } else todo.push('report, 1M events: TODO (report is not exported from src/index.ts yet)')
})

// ── 3. the worst case: 100,000 purchases, then 100,000 consumptions ─────

section('worst', () => {
  const M = Math.max(1_000, Math.floor(N / 10))
  const accountId = 'acc-worst'
  const events: CreditEvent[] = []
  let t = T0
  for (let i = 1; i <= M; i++) {
    events.push({ type: 'ExtraCreditsPurchased', id: `p${i}`, accountId, at: iso((t += 1000)), data: { quantity: 1, unitPrice: USD125 } })
  }
  for (let i = 1; i <= M; i++) {
    events.push({ type: 'CreditsConsumed', id: `c${i}`, accountId, at: iso((t += 1000)), data: { amount: 1 } })
  }
  row(
    `${fmtInt(M)} purchases, then ${fmtInt(M)} consumptions`,
    events.length,
    () => replay(events),
    () => referenceReplay(events),
    (p) => replay(p.wrap(events)),
    { note: `${fmtInt(M)} live buckets, each consumption empties the front one` },
  )
})

// ── 4. evolve, decide and advanceTo on a state with 10,000 live buckets ─

/** A subscription started at T0, then `extras` purchases 10 s apart (all stay live). */
function withBuckets(extras: number, quantity = 1_000): CreditEvent[] {
  const accountId = 'acc-b'
  const events: CreditEvent[] = [
    { type: 'SubscriptionStarted', id: 'start', accountId, at: iso(T0), data: { plan: { id: 'starter', monthlyCredits: 1_000, price: { amount: 1900, currency: 'USD' } } } },
  ]
  for (let i = 1; i <= extras; i++) {
    events.push({ type: 'ExtraCreditsPurchased', id: `p${i}`, accountId, at: iso(T0 + i * 10_000), data: { quantity, unitPrice: USD125 } })
  }
  return events
}

/** `count` consumptions after `state`'s clock, `stepMs` apart. */
function consumptions(state: AccountState, count: number, stepMs: number, prefix = 'c'): CreditEvent[] {
  const start = Date.parse(state.clock!)
  const out: CreditEvent[] = []
  for (let i = 1; i <= count; i++) {
    out.push({ type: 'CreditsConsumed', id: `${prefix}${i}`, accountId: state.accountId!, at: iso(start + i * stepMs), data: { amount: 1 + (i % 8) } })
  }
  return out
}

section('evolve', () => {
  const B = 10_000
  const history = withBuckets(B - 1)
  const base = replay(history)
  const refBase = referenceReplay(history)
  const K = full ? 1_000 : 200
  const tail = consumptions(base, K, 60_000)
  const KD = full ? 200 : 20
  const calls = SHORT_ROUNDS + warmupFor(K) + SHORT_ROUNDS + warmupFor(KD) + 2
  const nextRef = refPool(() => refBase.clone(), calls)
  const live = base.buckets.length
  row(
    `evolve, ${fmtInt(live)} live buckets (${fmtInt(K)} events chained)`,
    K,
    () => {
      let s = base
      for (const e of tail) s = evolve(s, e)
      return s
    },
    () => {
      const f = nextRef()
      for (const e of tail) f.apply(e)
      return f
    },
    (p) => {
      let s = base
      for (const e of tail) {
        s = evolve(s, e)
        p.sample()
      }
      return s
    },
    {
      note: `µs per call; reference: apply on a mutable fold; ${SHORT_ROUNDS} rounds after 3,000+ warm-up calls, no forced GC between them`,
      short: { calls: K },
      target: { us: 50 },
    },
  )
  if (decide) {
    const commands = tail.slice(0, KD).map((e) => ({ ...e, type: 'ConsumeCredits' }))
    const decideTail = tail.slice(0, KD)
    row(
      `decide ConsumeCredits, ${fmtInt(live)} live buckets`,
      KD,
      () => {
        let n = 0
        for (const c of commands) n += (decide(c, base) as unknown[]).length
        return n
      },
      () => {
        const f = nextRef()
        for (const e of decideTail) f.apply(e)
        return f
      },
      null,
      {
        note: `against the same state each time; reference: apply on a mutable fold; ${SHORT_ROUNDS} rounds after 3,000+ warm-up calls, no forced GC between them`,
        short: { calls: KD },
      },
    )
  } else todo.push(`decide, ${fmtInt(live)} live buckets: TODO (decide is not exported from src/index.ts yet)`)

  const years = 30
  const until = iso(Date.UTC(2020 + years, 0, 1))
  for (const [label, state, refState, R] of [
    ['1 bucket', replay(history.slice(0, 1)), referenceReplay(history.slice(0, 1)), full ? 50 : 10],
    [`${fmtInt(live)} live buckets`, base, refBase, full ? 10 : 3],
  ] as const) {
    const renewals = years * 12 * R
    const nextR = refPool(() => refState.clone(), R * (ROUNDS + WARMUP + 2))
    const to = Date.parse(until)
    row(
      `advanceTo 30 years, ${label} (per renewal)`,
      renewals,
      () => {
        let s: AccountState | null = null
        for (let r = 0; r < R; r++) s = advanceTo(state, until)
        return s
      },
      () => {
        for (let r = 0; r < R; r++) nextR().advance(to)
        return null
      },
      (p) => {
        const s = advanceTo(state, until)
        p.sample()
        return s
      },
      { note: `${years * 12} renewals and expiries per call` },
    )
  }
})

// ── 5. flat costs: the cost per event does not grow with live buckets ───

interface FlatRow {
  buckets: number
  replayNs: number
  fixedMs: number
  evolveNs: number
  refNs: number
  ratio: Ratio
}
const flat: FlatRow[] = []
section('flat', () => {
  if (keyOnly) return
  const K = Math.min(N, 100_000)
  const KE = full ? 300 : 100
  for (const B of full ? [10, 1_000, 100_000] : [10, 1_000, 10_000]) {
    log(`flat costs, ${fmtInt(B)} live buckets …`)
    const history = withBuckets(B - 1, 1_000_000)
    const state0 = replay(history)
    const ref0 = referenceReplay(history)
    // A tail that spans ~3 months: renewals and expiries included.
    const tail = consumptions(state0, K, Math.floor((90 * DAY) / K))
    const evolveTail = tail.slice(0, KE)
    const nextRef = refPool(() => ref0.clone(), ROUNDS + WARMUP)
    const { lib: r, ref: rr, ratio } = timePair(
      () => replay(tail, state0),
      () => {
        const f = nextRef()
        for (const e of tail) f.apply(e)
        return f
      },
      ROUNDS,
      WARMUP,
    )
    const fixed: number[] = []
    for (let i = 0; i < ROUNDS + 2; i++) fixed.push(timeOnce(() => replay([], state0)))
    const { lib: ev } = timePair(
      () => {
        let s = state0
        for (const e of evolveTail) s = evolve(s, e)
        return s
      },
      null,
      SHORT_ROUNDS,
      warmupFor(KE),
      false,
    )
    flat.push({ buckets: state0.buckets.length, replayNs: r.ns / K, fixedMs: median(fixed) / 1e6, evolveNs: ev.ns / KE, refNs: rr!.ns / K, ratio: ratio! })
  }
})

// ── output ───────────────────────────────────────────────────────────────

if (parent) {
  for (const name of SECTIONS) {
    log(`section ${name}, in a process of its own …`)
    const json = execFileSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
      env: { ...process.env, BENCH_ONLY: name, BENCH_CHILD: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
    })
    const got = JSON.parse(json) as { rows: Row[]; flat: FlatRow[]; todo: string[] }
    rows.push(...got.rows)
    flat.push(...got.flat)
    todo.push(...got.todo)
  }
}
if (child) {
  process.stdout.write(JSON.stringify({ rows, flat, todo }))
  process.exit(0)
}

/**
 * Where the timed library came from: the file, its build time, and the
 * commit whose src/ it was built from (the last commit that touched src/ or
 * tsup.config.ts, and whether src/ has changed since), beside HEAD.
 */
function provenance(): string {
  const file = fileURLToPath(libraryUrl)
  const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  let commit = 'commit unknown'
  try {
    commit = `src/ of commit ${git('log', '-1', '--format=%h', '--', 'src', 'tsup.config.ts')}`
    if (git('status', '--porcelain', '--', 'src', 'tsup.config.ts') !== '') commit += ' + uncommitted changes'
    commit += `, HEAD ${git('rev-parse', '--short', 'HEAD')}`
  } catch {
    // not a git checkout
  }
  return `library: ${file} (built ${statSync(file).mtime.toISOString()} from ${commit})`
}

/** "≤ 1.25×" or "< 50 µs/call". */
function targetText(t: Target | undefined): string {
  if (!t) return ''
  return 'ratio' in t ? `≤ ${fmt(t.ratio, 2)}×` : `< ${t.us} µs/call`
}

/**
 * Whether a row meets its target, by its median; "(spread crosses)" when
 * some pairs (or, for a µs target, some rounds) fall on the other side.
 */
function metText(r: Row): string {
  const t = r.target
  if (!t) return ''
  let mid: number, lo: number, hi: number, max: number, range = ''
  if ('ratio' in t) {
    if (!r.ratio) return '?'
    ;({ median: mid, min: lo, max: hi } = r.ratio)
    max = t.ratio
  } else {
    mid = r.libNs / r.events / 1000
    lo = r.libRange[0] / r.events / 1000
    hi = r.libRange[1] / r.events / 1000
    max = t.us
    range = `, rounds ${fmt(lo)}–${fmt(hi)} µs, CPU ${fmt(r.libCpuNs / r.events / 1000)} µs`
  }
  const ok = 'ratio' in t ? mid <= max : mid < max
  const crosses = 'ratio' in t ? lo <= max && hi > max : lo < max && hi >= max
  return `${ok ? 'yes' : 'NO'}${crosses ? ' (spread crosses)' : ''}${range}`
}

const mb = (bytes: number) => bytes / 1024 / 1024
const keyRounds = Math.max(ROUNDS, KEY_ROUNDS)
console.log(
  `\ncredit-ledger bench — N = ${fmtInt(N)}${quick ? ' (--quick)' : ''}; A/B rounds after ${WARMUP} warm-up: ${keyRounds} pairs for rows with a target, ${ROUNDS} for the rest, ${SHORT_ROUNDS} for short calls; ` +
    `Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? '?'}, load ${os.loadavg().map((l) => fmt(l, 2)).join(' ')}, ${new Date().toISOString()}` +
    (hasGc ? '' : ' — run with --expose-gc for steadier numbers'),
)
console.log(provenance())
console.log(
  '× limit = the median, over A/B pairs timed back to back in this process, of (time of the library ÷ time of the hand-written mutable fold, ' +
    'bench/reference-fold.ts compiled to plain JS); spread = the lowest and highest of those per-pair ratios; CPU × limit = the same in CPU time of the process (user + system), which leaves out time spent waiting for a core on a shared machine.' +
    (full ? '' : ' At this size (below 500,000 events) JIT warm-up and noise dominate: the met column is no verdict on the targets.') +
    '\n',
)
if (rows.length > 0) console.log(
  table(
    ['scenario', 'events', 'ns/event', 'limit ns/event', '× limit', 'spread', 'CPU × limit (spread)', 'pairs', 'target', 'met', 'peak heap (MB)', 'MB per 1M events'],
    rows.map((r) => [
      r.name,
      fmtInt(r.events),
      fmt(r.libNs / r.events),
      r.refNs === null ? '—' : fmt(r.refNs / r.events),
      r.ratio === null ? '—' : fmt(r.ratio.median, 2) + '×',
      r.ratio === null ? '—' : `${fmt(r.ratio.min, 2)}–${fmt(r.ratio.max, 2)}`,
      r.cpuRatio === null ? '—' : spread(r.cpuRatio),
      String(r.pairs),
      targetText(r.target),
      metText(r),
      r.peak === null ? '—' : fmt(mb(r.peak)),
      r.peak === null ? '—' : fmt(mb(r.peak) / (r.events / 1e6)),
    ]),
  ),
)
for (const t of todo) console.log(`| ${t} |`)
const notes = rows.filter((r) => r.note)
if (notes.length > 0) {
  console.log('')
  for (const r of notes) console.log(`- ${r.name.trim()}: ${r.note}`)
}
if (rows.length > 0) console.log('- peak heap: highest used heap above the baseline (inputs already in memory), sampled in a separate round.')
if (flat.length > 0) {
  console.log(`\nFlat costs (a tail of ${fmtInt(Math.min(N, 100_000))} consumptions over ~3 months, renewals included, replayed from a state with B live buckets):\n`)
  console.log(
    table(
      ['live buckets', 'replay ns/event', 'replay fixed cost (ms)', 'evolve ns/event', 'limit ns/event', 'replay × limit', 'spread'],
      flat.map((f) => [
        fmtInt(f.buckets),
        fmt(f.replayNs),
        fmt(f.fixedMs, 2),
        fmtInt(f.evolveNs),
        fmt(f.refNs),
        fmt(f.ratio.median, 2) + '×',
        `${fmt(f.ratio.min, 2)}–${fmt(f.ratio.max, 2)}`,
      ]),
    ),
  )
  console.log('\n- replay ns/event includes the fixed cost of copying the starting state once (thaw) and freezing the result; the fixed cost alone is `replay([], state)`.')
  console.log('- evolve ns/event: a chain of evolve calls from the same state, timed like the evolve row (no forced GC between rounds).')
}
