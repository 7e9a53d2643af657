/**
 * Replays a large JSONL export of many accounts on all cores.
 *
 *   npm run example:parallel                         generate an export (4,000 accounts × 200 events) and replay it
 *   npm run example:parallel -- export.jsonl         replay your own export (one event per line, any interleaving)
 *   npm run example:parallel -- --accounts 5000 --events 100 --workers 4
 *
 * Accounts are independent, so the export is partitioned by account:
 * hash(accountId) mod workers. The main thread only streams lines, reads each
 * line's accountId (without parsing the JSON) and sends batches of lines to
 * the worker that owns the account; each worker parses and folds its
 * partition with `replayAll` (validated: every event goes through
 * `parseEvent`) and sends back a summary. Because each account's events stay
 * in their order and on one worker, the result is exactly that of one
 * `replayAll` over the whole file — which this example checks by replaying
 * the file on one thread too, and reports the speed-up.
 *
 * The same partitioning runs the library inside a stream processor (Kafka
 * consumer groups keyed by accountId); see "Scaling out" in the README.
 */
import { createReadStream, createWriteStream, existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import { generateAccount } from '../bench/generate.js'
import { balance, replayAll, type AccountState } from '../src/index.js'

// ── what each side computes ─────────────────────────────────────────────

interface Summary {
  accounts: number
  events: number
  available: number
  deficit: number
  granted: number
  consumed: number
  expired: number
  /** Sum of the charged amounts (minor units; the generated export is all USD). */
  charged: number
  /** Time spent in the worker from its first batch to its result. */
  busyMs: number
}

function summarize(states: Map<string, AccountState>, events: number, busyMs: number): Summary {
  const s: Summary = { accounts: states.size, events, available: 0, deficit: 0, granted: 0, consumed: 0, expired: 0, charged: 0, busyMs }
  for (const state of states.values()) {
    s.available += balance(state).available
    s.deficit += state.deficit
    s.granted += state.totals.granted
    s.consumed += state.totals.consumed
    s.expired += state.totals.expired
    s.charged += state.totals.charged?.amount ?? 0
  }
  return s
}

function combine(parts: Summary[]): Summary {
  const total: Summary = { accounts: 0, events: 0, available: 0, deficit: 0, granted: 0, consumed: 0, expired: 0, charged: 0, busyMs: 0 }
  for (const p of parts) for (const k of Object.keys(total) as (keyof Summary)[]) total[k] += p[k]
  return total
}

/** Lines of a file, streamed in chunks (no per-line readline overhead). */
async function* readLines(file: string): AsyncGenerator<string[]> {
  let rest = ''
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const text = rest + (chunk as string)
    const lines = text.split('\n')
    rest = lines.pop()!
    yield lines.filter((l) => l.length > 0)
  }
  if (rest.trim().length > 0) yield [rest]
}

// ── worker ──────────────────────────────────────────────────────────────

type ToWorker = { type: 'batch'; lines: string[] } | { type: 'end' }
type FromWorker = { type: 'ready' } | { type: 'ack' } | { type: 'done'; summary: Summary } | { type: 'error'; message: string }

async function runWorker(): Promise<void> {
  const port = parentPort!
  const inbox: ToWorker[] = []
  let wake: (() => void) | null = null
  port.on('message', (msg: ToWorker) => {
    inbox.push(msg)
    if (wake) {
      wake()
      wake = null
    }
  })
  let events = 0
  let started = 0
  async function* partition(): AsyncGenerator<unknown> {
    for (;;) {
      if (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve))
      const msg = inbox.shift()!
      if (msg.type === 'end') return
      if (started === 0) started = performance.now()
      for (const line of msg.lines) yield JSON.parse(line)
      events += msg.lines.length
      port.postMessage({ type: 'ack' } satisfies FromWorker)
    }
  }
  port.postMessage({ type: 'ready' } satisfies FromWorker)
  try {
    const states = await replayAll(partition())
    port.postMessage({ type: 'done', summary: summarize(states, events, performance.now() - started) } satisfies FromWorker)
  } catch (error) {
    port.postMessage({ type: 'error', message: String((error as Error)?.message ?? error) } satisfies FromWorker)
  }
  port.close()
}

// ── main thread ─────────────────────────────────────────────────────────

/** FNV-1a: a stable hash, so an account always goes to the same worker. */
function hash(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

const KEY = '"accountId":"'

/** The accountId of a JSONL line, read without parsing the whole line when it can be. */
function accountIdOf(line: string): string {
  const i = line.indexOf(KEY)
  if (i >= 0) {
    const start = i + KEY.length
    const end = line.indexOf('"', start)
    const raw = line.slice(start, end)
    if (!raw.includes('\\')) return raw
  }
  const parsed = JSON.parse(line) as { accountId?: unknown }
  return typeof parsed.accountId === 'string' ? parsed.accountId : ''
}

/** Starts `workers` workers and waits until each has loaded the library. */
async function startPool(workers: number): Promise<Worker[]> {
  // Workers run this same file; a small .mjs bootstrap registers tsx in each worker first.
  const bootstrap = new URL('./workers/tsx-bootstrap.mjs', import.meta.url)
  const pool = Array.from({ length: workers }, () => new Worker(bootstrap, { workerData: { worker: true, entry: import.meta.url } }))
  await Promise.all(
    pool.map(
      (w) =>
        new Promise<void>((resolve, reject) => {
          const onMessage = (msg: FromWorker) => {
            if (msg.type === 'ready') {
              w.off('message', onMessage)
              resolve()
            }
          }
          w.on('message', onMessage)
          w.once('error', reject)
        }),
    ),
  )
  return pool
}

async function parallel(file: string, pool: Worker[], batchSize = 4_000, maxInFlight = 8): Promise<Summary> {
  const workers = pool.length
  const inFlight = new Array<number>(workers).fill(0)
  let resume: (() => void) | null = null
  const results = pool.map(
    (w, i) =>
      new Promise<Summary>((resolve, reject) => {
        w.on('message', (msg: FromWorker) => {
          if (msg.type === 'ack') {
            inFlight[i]!--
            if (resume && inFlight[i]! < maxInFlight) {
              resume()
              resume = null
            }
          } else if (msg.type === 'done') resolve(msg.summary)
          else if (msg.type === 'error') reject(new Error(`worker ${i}: ${msg.message}`))
        })
        w.on('error', reject)
      }),
  )
  const batches: string[][] = Array.from({ length: workers }, () => [])
  const send = async (i: number) => {
    // Backpressure: wait while the worker has too many batches queued.
    while (inFlight[i]! >= maxInFlight) await new Promise<void>((r) => (resume = r))
    inFlight[i]!++
    pool[i]!.postMessage({ type: 'batch', lines: batches[i]! } satisfies ToWorker)
    batches[i] = []
  }
  for await (const lines of readLines(file)) {
    for (const line of lines) {
      const i = hash(accountIdOf(line)) % workers
      batches[i]!.push(line)
      if (batches[i]!.length >= batchSize) await send(i)
    }
  }
  for (let i = 0; i < workers; i++) {
    if (batches[i]!.length > 0) await send(i)
    pool[i]!.postMessage({ type: 'end' } satisfies ToWorker)
  }
  const parts = await Promise.all(results)
  return combine(parts)
}

async function oneThread(file: string): Promise<Summary> {
  let events = 0
  const started = performance.now()
  async function* all(): AsyncGenerator<unknown> {
    for await (const lines of readLines(file)) {
      for (const line of lines) yield JSON.parse(line)
      events += lines.length
    }
  }
  const states = await replayAll(all())
  return summarize(states, events, performance.now() - started)
}

/** Writes `accounts × perAccount` generated events, interleaved by time, one JSON object per line. */
async function generateExport(file: string, accounts: number, perAccount: number): Promise<void> {
  const events = []
  for (let a = 0; a < accounts; a++) events.push(...generateAccount(`acc-${a}`, perAccount, 7 + a, Date.UTC(2024, 0, 1) + a * 997))
  events.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0)) // stable: each account keeps its order
  const out = createWriteStream(file)
  for (let i = 0; i < events.length; i += 10_000) {
    const chunk = events.slice(i, i + 10_000).map((e) => JSON.stringify(e)).join('\n') + '\n'
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()))
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())))
}

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const given = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1]!.startsWith('--')))
  const accounts = option('accounts', 4_000)
  const perAccount = option('events', 200)
  const workers = option('workers', Math.max(2, os.availableParallelism()))
  let file = given
  if (file === undefined) {
    file = path.join(os.tmpdir(), `credit-ledger-export-${accounts}x${perAccount}.jsonl`)
    if (!existsSync(file)) {
      const t = performance.now()
      await generateExport(file, accounts, perAccount)
      console.log(`generated ${file} (${(accounts * perAccount).toLocaleString('en-US')} events) in ${((performance.now() - t) / 1000).toFixed(1)} s`)
    }
  }
  console.log(`replaying ${file} (${os.availableParallelism()} cores available)`)

  let t = performance.now()
  const single = await oneThread(file)
  const singleMs = performance.now() - t
  console.log(`1 thread:   ${single.events.toLocaleString('en-US')} events, ${single.accounts.toLocaleString('en-US')} accounts in ${(singleMs / 1000).toFixed(2)} s (${Math.round(single.events / (singleMs / 1000)).toLocaleString('en-US')} events/s)`)

  t = performance.now()
  const pool = await startPool(workers)
  const startMs = performance.now() - t
  t = performance.now()
  const multi = await parallel(file, pool)
  const multiMs = performance.now() - t
  console.log(`${workers} workers:  ${multi.events.toLocaleString('en-US')} events, ${multi.accounts.toLocaleString('en-US')} accounts in ${(multiMs / 1000).toFixed(2)} s (${Math.round(multi.events / (multiMs / 1000)).toLocaleString('en-US')} events/s), after ${(startMs / 1000).toFixed(2)} s to start the workers`)
  console.log(`speed-up: ${(singleMs / multiMs).toFixed(2)}× with ${workers} workers + the main thread streaming (${(singleMs / (multiMs + startMs)).toFixed(2)}× counting the start-up)`)

  const keys = ['accounts', 'events', 'available', 'deficit', 'granted', 'consumed', 'expired', 'charged'] as const
  const same = keys.every((k) => single[k] === multi[k])
  console.log(`totals: available ${multi.available}, deficit ${multi.deficit}, granted ${multi.granted}, consumed ${multi.consumed}, expired ${multi.expired}, charged ${(multi.charged / 100).toFixed(2)} USD`)
  console.log(same ? 'the partitioned replay equals the single-thread replay' : 'MISMATCH between the partitioned and the single-thread replay')
  if (!same) process.exitCode = 1
}

if (isMainThread) {
  await main()
} else if ((workerData as { worker?: boolean } | null)?.worker) {
  await runWorker()
}
