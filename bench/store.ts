/**
 * `npm run bench:store` — the PostgreSQL store (`credit-ledger/postgres`)
 * measured on a real server when CREDIT_LEDGER_PG_URL is set (CI's way:
 * `bash .ci/with-postgres npm run bench:store`), else on PGlite in-process.
 *
 *   handle    commands/s and p50/p99 latency with 1, 4 and 16 concurrent writers
 *             (async, one Node process, a pool of 16 connections), on 4 hot
 *             accounts shared by every writer and on accounts spread so that
 *             no two commands meet; conflict retries per 1,000 commands
 *   load      an account of 100,000 events, from its latest snapshot and
 *             (snapshots deleted) by a replay of the whole stream
 *   consume   events/s of a group of 1, 2 and 3 members (async, one process)
 *             over a log of 20,000 events (1,000 accounts), each batch upserting a counts table
 *
 *   npm run bench:store -- --quick    small sizes, for CI (so that it never rots)
 */
import { parseArgs } from 'node:util'
import { type CreditCommand, type CreditEvent } from '../src/index.js'
import { createEventStore, type EventStore, type StoreClient } from '../src/postgres/index.js'

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } })
const quick = values.quick
const url = process.env.CREDIT_LEDGER_PG_URL
const COMMANDS = quick ? 100 : 2_000
const LONG = quick ? 3_000 : 100_000
const LOG = quick ? 1_500 : 20_000
const plan = { id: 'big', monthlyCredits: 1_000_000, price: { amount: 2900, currency: 'USD' } }
const START = '2025-01-01T00:00:00.000Z'

interface Db {
  client: StoreClient
  query(text: string, params?: unknown[]): Promise<{ rows: any[] }>
  /** BEGINs counted: the store's transactions (one per append attempt). */
  transactions(): number
  close(): Promise<void>
  name: string
}

async function open(): Promise<Db> {
  if (url) {
    const { default: pg } = await import('pg')
    const pool = new pg.Pool({ connectionString: url, max: 16 })
    let begins = 0
    // Count the store's transactions: a pool whose connections count their BEGINs.
    const counting = {
      totalCount: 0,
      connect: async () => {
        const conn = await pool.connect()
        return {
          query: (text: string, params?: unknown[]) => ((text === 'BEGIN' && begins++), conn.query(text, params)),
          release: (e?: unknown) => conn.release(e as boolean),
        }
      },
      query: (text: string, params?: unknown[]) => pool.query(text, params),
    }
    const version = (await pool.query('SHOW server_version')).rows[0].server_version
    return { client: counting as unknown as StoreClient, query: (t, p) => pool.query(t, p), transactions: () => begins, close: () => pool.end(), name: `PostgreSQL ${version} (pg Pool, 16 connections)` }
  }
  const { PGlite } = await import('@electric-sql/pglite')
  const db = await PGlite.create()
  let begins = 0
  const client = { query: (t: string, p?: unknown[]) => db.query(t, p), transaction: <T>(cb: (tx: any) => Promise<T>) => (begins++, db.transaction(cb)) }
  return { client: client as StoreClient, query: (t, p) => db.query(t, p), transactions: () => begins, close: () => db.close(), name: 'PGlite (in-process, one connection)' }
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1))
const rows: string[][] = []

async function freshStore(db: Db, name: string, snapshotEvery = 1000): Promise<EventStore> {
  await db.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`)
  const store = createEventStore(db.client, { schema: name, snapshotEvery })
  await store.migrate()
  return store
}

async function benchHandle(db: Db, writers: number, hot: boolean): Promise<void> {
  const store = await freshStore(db, `bench_handle_${writers}_${hot ? 'hot' : 'spread'}`, 100)
  const accounts = hot ? 4 : COMMANDS
  for (let a = 0; a < accounts; a++) await store.handle({ type: 'StartSubscription', id: `s-${a}`, accountId: `acc-${a}`, at: START, data: { plan } })
  // Every command of an account has the same `at` (equal times keep the given order), so that a race is a conflict, never OUT_OF_ORDER.
  const at = '2025-01-02T00:00:00.000Z'
  let next = 0
  let conflicts = 0
  // Hot: each command to one of the 4 accounts at random (a fixed seed), so that writers meet.
  let seed = 42
  const pick = () => (hot ? Math.floor(((seed = (seed * 48271) % 2147483647) / 2147483647) * accounts) : next)
  const latencies: number[] = []
  const before = db.transactions()
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (let i = next++; i < COMMANDS; i = next++) {
        const command: CreditCommand = { type: 'ConsumeCredits', id: `c-${i}`, accountId: `acc-${hot ? pick() : i}`, at, data: { amount: 1 } }
        const t = performance.now()
        try {
          await store.handle(command, { maxAttempts: 100 })
        } catch (error) {
          if ((error as { code?: string }).code !== 'CONCURRENCY_CONFLICT') throw error
          conflicts++
        }
        latencies.push(performance.now() - t)
      }
    }),
  )
  const seconds = (performance.now() - t0) / 1000
  const retries = db.transactions() - before - COMMANDS
  latencies.sort((x, y) => x - y)
  rows.push([
    'handle',
    `${writers} writer${writers > 1 ? 's' : ''}, ${hot ? '4 hot accounts' : 'spread accounts'}`,
    `${Math.round(COMMANDS / seconds)} commands/s`,
    `p50 ${ms(quantile(latencies, 0.5))} ms, p99 ${ms(quantile(latencies, 0.99))} ms`,
    `${Math.round((retries / COMMANDS) * 1000)} retries / 1,000${conflicts > 0 ? `; ${conflicts} gave up` : ''}`,
  ])
}

async function benchLoad(db: Db): Promise<void> {
  const store = await freshStore(db, 'bench_load', 1000)
  const events: CreditEvent[] = [{ type: 'SubscriptionStarted', id: 'e-0', accountId: 'long', at: START, data: { plan } } as CreditEvent]
  const t = Date.parse(START)
  for (let i = 1; i < LONG; i++) events.push({ type: 'CreditsConsumed', id: `e-${i}`, accountId: 'long', at: new Date(t + i * 60_000).toISOString(), data: { amount: 1 } } as CreditEvent)
  const tw = performance.now()
  for (let v = 0; v < LONG; v += 1000) await store.append('long', v, events.slice(v, v + 1000))
  const writeSeconds = (performance.now() - tw) / 1000
  // A store of its own without a state cache, so that every load reads the snapshot (or the stream).
  const cold = createEventStore(db.client, { schema: 'bench_load', stateCache: 0 })
  const time = async (runs: number, from: EventStore = cold) => {
    const times: number[] = []
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now()
      const { version } = await from.load('long')
      times.push(performance.now() - t0)
      if (version !== LONG) throw new Error(`load returned version ${version}`)
    }
    return times.sort((x, y) => x - y)[Math.floor(runs / 2)]!
  }
  const withSnapshot = await time(7)
  await store.load('long')
  const cached = await time(7, store)
  const snapshotSeq = (await db.query(`SELECT max(seq) AS s FROM bench_load.snapshots`)).rows[0].s
  await db.query('DELETE FROM bench_load.snapshots')
  const without = await time(3)
  const t0 = performance.now()
  await store.readStream('long')
  const read = performance.now() - t0
  const n = LONG.toLocaleString('en-US')
  rows.push(['load', `${n} events, snapshot at ${snapshotSeq} (snapshotEvery 1000)`, `${ms(withSnapshot)} ms`, 'median of 7', ''])
  rows.push(['load', `${n} events, the state cached by the store`, `${ms(cached)} ms`, 'median of 7; reads the events after it (none)', ''])
  rows.push(['load', `${n} events, no snapshot (full replay)`, `${ms(without)} ms`, 'median of 3', `readStream alone ${ms(read)} ms`])
  rows.push(['append', `${n} events in appends of 1,000`, `${Math.round(LONG / writeSeconds)} events/s`, '', ''])
}

async function benchConsume(db: Db): Promise<void> {
  const store = await freshStore(db, 'bench_consume', 1000)
  const per = 20
  const accounts = LOG / per
  const t = Date.parse(START)
  for (let a = 0; a < accounts; a++) {
    const events = [{ type: 'SubscriptionStarted', id: `s`, accountId: `acc-${a}`, at: START, data: { plan } }]
    for (let i = 1; i < per; i++) events.push({ type: 'CreditsConsumed', id: `c-${i}`, accountId: `acc-${a}`, at: new Date(t + i * 60_000).toISOString(), data: { amount: 1 } } as never)
    await store.append(`acc-${a}`, 0, events)
  }
  await db.query('CREATE TABLE bench_consume.counts (group_name text, account_id text, n int, PRIMARY KEY (group_name, account_id))')
  for (const size of [1, 2, 3]) {
    const group = `g${size}`
    const t0 = performance.now()
    const results = await Promise.all(
      Array.from({ length: size }, (_, member) =>
        store.consume({
          group,
          member,
          size,
          batch: 500,
          handler: async (events, tx) => {
            await tx.query(
              `INSERT INTO bench_consume.counts (group_name, account_id, n) SELECT $1, a, count(*) FROM unnest($2::text[]) AS a GROUP BY a
               ON CONFLICT (group_name, account_id) DO UPDATE SET n = counts.n + excluded.n`,
              [group, events.map((e) => e.accountId)],
            )
          },
        }),
      ),
    )
    const seconds = (performance.now() - t0) / 1000
    const total = results.reduce((sum, r) => sum + r.events, 0)
    if (total !== LOG) throw new Error(`group of ${size} handled ${total} of ${LOG} events`)
    rows.push(['consume', `${size} member${size > 1 ? 's' : ''}, ${LOG.toLocaleString('en-US')} events of ${accounts} accounts, batch 500`, `${Math.round(total / seconds)} events/s`, results.map((r) => r.events).join(' + '), ''])
  }
}

const db = await open()
console.log(`credit-ledger/postgres on ${db.name}${quick ? ' (--quick)' : ''}; Node ${process.version}`)
for (const hot of [true, false]) for (const writers of [1, 4, 16]) await benchHandle(db, writers, hot)
await benchLoad(db)
await benchConsume(db)
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
for (const row of rows) console.log(`| ${row.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`)
await db.close()
